import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { firstRow, rows } from '../../db/sql';
import { toDate } from '../../db/timestamps';
import { LEAD_WITH_ACCOUNT_COLUMNS, type LeadWithAccountRow } from '../scoring/fit-subject';

/** A lead of the simulated period with its account's fit fields, its creation time and its stage now. */
export interface SimulationLeadRow extends LeadWithAccountRow {
  createdAt: Date;
  stage: string;
}

export interface LedgerEventRow {
  leadId: string;
  type: string;
  occurredAt: number;
}

export interface StageHistoryRow {
  leadId: string;
  fromStage: string | null;
  toStage: string;
}

export async function countLeadsCreatedBetween(
  db: Db,
  tenantId: string,
  from: Date,
  to: Date,
): Promise<number> {
  const row = await firstRow<{ count: number | string }>(
    db,
    sql`select count(*) as count from leads
        where tenant_id = ${tenantId} and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}`,
  );
  return Number(row?.count ?? 0);
}

/**
 * The next page of the period's leads by id. Paging by id (not by creation time) keeps the cursor exact: a
 * timestamptz holds microseconds a JavaScript Date would round away.
 */
export async function findSimulationLeadPage(
  db: Db,
  tenantId: string,
  period: { from: Date; to: Date },
  afterId: string,
  limit: number,
): Promise<SimulationLeadRow[]> {
  const page = await rows<SimulationLeadRow & { createdAt: Date | string }>(
    db,
    sql`select ${LEAD_WITH_ACCOUNT_COLUMNS}, l.created_at as "createdAt", l.stage
        from leads l
        left join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
        where l.tenant_id = ${tenantId} and l.id > ${afterId}
          and l.created_at >= ${period.from.toISOString()} and l.created_at < ${period.to.toISOString()}
        order by l.id limit ${limit}`,
  );
  return page.map((row) => ({ ...row, createdAt: toDate(row.createdAt) }));
}

/** The ledger of these leads up to `until` (epoch ms): what the replay feeds the engagement score. */
export async function findLedgerOfLeads(
  db: Db,
  tenantId: string,
  leadIds: readonly string[],
  until: number,
): Promise<LedgerEventRow[]> {
  const found = await rows<{ leadId: string; type: string; occurredAt: number | string }>(
    db,
    sql`select lead_id as "leadId", type, occurred_at as "occurredAt" from events
        where tenant_id = ${tenantId} and lead_id = any(${sql.param(leadIds)}::uuid[]) and occurred_at <= ${until}`,
  );
  return found.map((row) => ({ ...row, occurredAt: Number(row.occurredAt) }));
}

/** Every recorded transition of these leads, in the order they were made: where each began and went. */
export async function findStageHistoryOfLeads(
  db: Db,
  tenantId: string,
  leadIds: readonly string[],
): Promise<StageHistoryRow[]> {
  return rows<StageHistoryRow>(
    db,
    sql`select lead_id as "leadId", from_stage as "fromStage", to_stage as "toStage" from stage_transitions
        where tenant_id = ${tenantId} and lead_id = any(${sql.param(leadIds)}::uuid[])
        order by lead_id, seq`,
  );
}
