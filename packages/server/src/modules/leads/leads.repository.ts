import { CLOSED_STAGES } from '@triage/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { firstRow, rows } from '../../db/sql';
import { findMergedEmails } from '../duplicates/duplicates.repository';
import { createScoreRows, lockScoreRows, writeFits } from '../scoring/lead-scores.repository';
import { LEAD_COLUMNS, LEAD_FROM, type LeadRow } from './lead-row';

const selectLeads = sql.raw(`select ${LEAD_COLUMNS} from ${LEAD_FROM}`);

export interface NewLead {
  id?: string;
  accountId: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  phone: string | null;
  country: string | null;
  source: string | null;
  ownerId: string | null;
  custom: Record<string, unknown>;
  stage: string;
  fitScore: number;
  fitKnockedOut: boolean;
  policyVersion: number;
  createdAt: Date;
}

export async function insertLead(db: Db, tenantId: string, lead: NewLead): Promise<string | undefined> {
  const row = await firstRow<{ id: string }>(
    db,
    sql`insert into leads (tenant_id, account_id, email, first_name, last_name, title, seniority, department, phone,
          country, source, owner_id, custom, stage, stage_changed_at, created_at, updated_at)
        values (${tenantId}, ${lead.accountId}, ${lead.email}, ${lead.firstName}, ${lead.lastName}, ${lead.title},
          ${lead.seniority}, ${lead.department}, ${lead.phone}, ${lead.country}, ${lead.source}, ${lead.ownerId},
          ${JSON.stringify(lead.custom)}::jsonb, ${lead.stage}, ${lead.createdAt}, ${lead.createdAt}, ${lead.createdAt})
        on conflict (tenant_id, email) do nothing
        returning id`,
  );
  if (row) {
    const { fitScore, fitKnockedOut, policyVersion } = lead;
    await createScoreRows(db, tenantId, [{ id: row.id, fitScore, fitKnockedOut, policyVersion }]);
  }
  return row?.id;
}

export async function findLead(
  db: Db,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<LeadRow | undefined> {
  // The score row first, then the lead's: the order ingestion locks them in, so the two never wait on each other.
  if (forUpdate) await lockScoreRows(db, tenantId, [id]);
  return firstRow<LeadRow>(
    db,
    sql`${selectLeads} where l.tenant_id = ${tenantId} and l.id = ${id} ${forUpdate ? sql`for update of l` : sql``}`,
  );
}

export async function findLeadIdByEmail(
  db: Db,
  tenantId: string,
  email: string,
): Promise<string | undefined> {
  const row = await firstRow<{ id: string }>(
    db,
    sql`select id from leads where tenant_id = ${tenantId} and email = ${email}`,
  );
  // An address whose lead was merged away belongs to the lead it was merged into.
  return row?.id ?? (await findMergedEmails(db, tenantId, [email])).get(email);
}

export async function findLeadsByIds(db: Db, tenantId: string, ids: string[]): Promise<LeadRow[]> {
  if (ids.length === 0) return [];
  return rows<LeadRow>(
    db,
    sql`${selectLeads} where l.tenant_id = ${tenantId} and l.id = any(${sql.param(ids)}::uuid[])`,
  );
}

export interface LeadFilter {
  stages?: string[] | undefined;
  ownerId?: string | undefined;
  minFit?: number | undefined;
  q?: string | undefined;
  /** Heat-tier bounds expressed on the ordering key (time-invariant, so the index applies). */
  minHotKey?: number | undefined;
  maxHotKey?: number | undefined;
  coldIncludesUnscored?: boolean | undefined;
}

export type LeadSort = 'heat' | 'fit' | 'created';

function escapeLike(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
}

function whereClause(tenantId: string, filter: LeadFilter): SQL {
  const parts: SQL[] = [sql`l.tenant_id = ${tenantId}`];
  if (filter.stages?.length) parts.push(sql`l.stage = any(${sql.param(filter.stages)}::text[])`);
  if (filter.ownerId) parts.push(sql`l.owner_id = ${filter.ownerId}`);
  if (filter.minFit !== undefined) parts.push(sql`s.fit_score >= ${filter.minFit}`);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    parts.push(
      sql`(l.email ilike ${pattern} or l.first_name ilike ${pattern} or l.last_name ilike ${pattern}
            or (coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) ilike ${pattern} or a.name ilike ${pattern})`,
    );
  }
  const heat: SQL[] = [];
  if (filter.minHotKey !== undefined) heat.push(sql`s.hot_key >= ${filter.minHotKey}`);
  if (filter.maxHotKey !== undefined) heat.push(sql`s.hot_key < ${filter.maxHotKey}`);
  if (heat.length) {
    const range = sql.join(heat, sql` and `);
    parts.push(filter.coldIncludesUnscored ? sql`(s.hot_key is null or (${range}))` : sql`(${range})`);
  }
  return sql.join(parts, sql` and `);
}

/** Keyset pagination: the cursor is the sort key of the last row, so deep pages cost what the first does. */
export async function listLeads(
  db: Db,
  tenantId: string,
  filter: LeadFilter,
  sort: LeadSort,
  limit: number,
  after: unknown[] | undefined,
): Promise<LeadRow[]> {
  const where = whereClause(tenantId, filter);
  let keyset: SQL = sql`true`;
  let order: SQL;
  if (sort === 'heat') {
    order = sql`s.hot_key desc nulls last, s.lead_id`;
    if (after) {
      const [key, id] = after as [number | null, string];
      keyset =
        key === null
          ? sql`(s.hot_key is null and s.lead_id > ${id})`
          : sql`(s.hot_key < ${key} or (s.hot_key = ${key} and s.lead_id > ${id}) or s.hot_key is null)`;
    }
  } else if (sort === 'fit') {
    order = sql`s.fit_score desc nulls last, s.lead_id`;
    if (after) {
      const [fit, id] = after as [number, string];
      keyset = sql`(s.fit_score < ${fit} or (s.fit_score = ${fit} and s.lead_id > ${id}))`;
    }
  } else {
    order = sql`l.created_at desc, l.id`;
    if (after) {
      const [created, id] = after as [string, string];
      keyset = sql`(l.created_at < ${created}::timestamptz or (l.created_at = ${created}::timestamptz and l.id > ${id}))`;
    }
  }
  return rows<LeadRow>(db, sql`${selectLeads} where ${where} and ${keyset} order by ${order} limit ${limit}`);
}

/** The hottest open leads now: an index scan on (tenant_id, hot_key desc) — no score is recomputed. */
export async function hottestLeads(db: Db, tenantId: string, limit: number): Promise<LeadRow[]> {
  return rows<LeadRow>(
    db,
    sql`${selectLeads} where l.tenant_id = ${tenantId} and s.hot_key is not null
          and l.stage <> all(${sql.param([...CLOSED_STAGES])}::text[])
        order by s.hot_key desc nulls last, s.lead_id limit ${limit}`,
  );
}

export interface LeadFieldUpdate {
  firstName?: string | null;
  lastName?: string | null;
  title?: string | null;
  seniority?: string | null;
  department?: string | null;
  phone?: string | null;
  country?: string | null;
  source?: string | null;
  ownerId?: string | null;
  accountId?: string | null;
  custom?: Record<string, unknown>;
  /** Kept in the lead's score row. */
  fit?: { score: number; knockedOut: boolean; policyVersion: number };
}

const COLUMN_OF: Record<Exclude<keyof LeadFieldUpdate, 'fit'>, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  title: 'title',
  seniority: 'seniority',
  department: 'department',
  phone: 'phone',
  country: 'country',
  source: 'source',
  ownerId: 'owner_id',
  accountId: 'account_id',
  custom: 'custom',
};

export async function updateLeadFields(
  db: Db,
  tenantId: string,
  id: string,
  update: LeadFieldUpdate,
): Promise<void> {
  const { fit, ...facts } = update;
  const sets = Object.entries(facts)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const column = sql.raw(COLUMN_OF[key as keyof typeof COLUMN_OF]);
      return key === 'custom' ? sql`${column} = ${JSON.stringify(value)}::jsonb` : sql`${column} = ${value}`;
    });
  sets.push(sql`updated_at = now()`);
  await db.execute(
    sql`update leads set ${sql.join(sets, sql`, `)} where tenant_id = ${tenantId} and id = ${id}`,
  );
  if (fit) {
    await writeFits(
      db,
      tenantId,
      [{ id, fitScore: fit.score, fitKnockedOut: fit.knockedOut }],
      fit.policyVersion,
    );
  }
}

export async function updateLeadStage(
  db: Db,
  tenantId: string,
  id: string,
  stage: string,
  at: Date,
  disqualificationReason: string | null,
): Promise<void> {
  await db.execute(
    sql`update leads set stage = ${stage}, stage_changed_at = ${at}, disqualification_reason = ${disqualificationReason},
          first_contacted_at = case when ${stage} in ('sal', 'sql', 'opportunity') then coalesce(first_contacted_at, ${at}) else first_contacted_at end,
          updated_at = now()
        where tenant_id = ${tenantId} and id = ${id}`,
  );
}

export async function listLeadEvents(db: Db, tenantId: string, leadId: string, limit = 10_000) {
  return rows<{ id: string; type: string; occurredAt: number; properties: Record<string, unknown> | null }>(
    db,
    sql`select id, type, occurred_at as "occurredAt", properties from events
        where tenant_id = ${tenantId} and lead_id = ${leadId} order by occurred_at desc limit ${limit}`,
  );
}
