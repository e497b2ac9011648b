import type { TimeRange } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';
import { findMergedEmails } from '../duplicates/duplicates.repository';

export interface NewEvent {
  id: string;
  leadId: string;
  type: string;
  occurredAt: number;
  properties: Record<string, unknown> | null;
}

/**
 * Appends events once: an id already in the ledger is skipped. Answers with the skipped ids only (a retried batch
 * has some; a new one none), so a batch of a thousand new events sends nothing back.
 */
export async function insertEvents(db: Db, tenantId: string, list: NewEvent[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const ids = list.map((e) => e.id);
  const skipped = await rows<{ id: string }>(
    db,
    sql`with written as (
          insert into events (tenant_id, id, lead_id, type, occurred_at, properties)
          select ${tenantId}::uuid, e.id, e.lead_id, e.type, e.occurred_at, e.properties
          from unnest(${sql.param(ids)}::text[], ${sql.param(list.map((e) => e.leadId))}::uuid[],
                      ${sql.param(list.map((e) => e.type))}::text[], ${sql.param(list.map((e) => e.occurredAt))}::int8[],
                      ${sql.param(list.map((e) => (e.properties ? JSON.stringify(e.properties) : null)))}::jsonb[])
            as e(id, lead_id, type, occurred_at, properties)
          on conflict (tenant_id, id) do nothing
          returning id)
        select id from unnest(${sql.param(ids)}::text[]) as batch(id) except all select id from written`,
  );
  return new Set(skipped.map((r) => r.id));
}

/**
 * Each lead's stage, by id; ids that name no lead of the tenant are absent. With `lock`, the leads are locked in
 * id order first, so the stage is the one an automatic move decided without the lock must be checked against.
 */
export async function findStages(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; stage: string }>(
    db,
    sql`select id, stage from leads where tenant_id = ${tenantId} and id = any(${sql.param(ids)}::uuid[])
        ${options.lock ? sql`order by id for update` : sql``}`,
  );
  return new Map(found.map((r) => [r.id, r.stage]));
}

/** The first hand-raise of each lead is kept on the lead (speed-to-lead counts from it); later ones change nothing. */
export async function recordHandRaises(
  db: Db,
  tenantId: string,
  list: readonly { id: string; at: number }[],
): Promise<void> {
  if (list.length === 0) return;
  const ids = list.map((h) => h.id);
  await db.execute(
    sql`update leads l set first_hand_raise_at = to_timestamp(h.at / 1000.0), updated_at = now()
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(list.map((h) => h.at))}::int8[]) as h(id, at)
        where l.tenant_id = ${tenantId} and l.id = any(${sql.param(ids)}::uuid[]) and l.id = h.id
          and (l.first_hand_raise_at is null or l.first_hand_raise_at > to_timestamp(h.at / 1000.0))`,
  );
}

export async function findLeadIdsByEmails(
  db: Db,
  tenantId: string,
  emails: string[],
): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const found = await rows<{ id: string; email: string }>(
    db,
    sql`select id, email from leads where tenant_id = ${tenantId} and email = any(${sql.param(emails)}::text[])`,
  );
  const byEmail = new Map(found.map((r) => [r.email, r.id]));
  // Events sent to the address of a lead merged away go to the lead it was merged into.
  const unknown = emails.filter((email) => !byEmail.has(email));
  for (const [email, id] of await findMergedEmails(db, tenantId, unknown)) byEmail.set(email, id);
  return byEmail;
}

export interface LedgerEvent {
  id: string;
  leadId: string;
  type: string;
  occurredAt: number;
}

/**
 * The ledger's events of the given types inside each lead's time ranges: one range scan per range on the
 * (tenant, lead, time) index. This is how capped windows are rebuilt instead of being stored beside the ledger.
 */
export async function findLedgerEvents(
  db: Db,
  tenantId: string,
  ranges: readonly TimeRange[],
  types: readonly string[],
): Promise<LedgerEvent[]> {
  if (ranges.length === 0 || types.length === 0) return [];
  // Lateral, kept apart from the outer query by `offset 0` (else the planner flattens it into one scan of the
  // tenant's ledger): one index range scan per range, so a lead with a long history costs what its windows hold.
  return rows<LedgerEvent>(
    db,
    sql`select ev.id, ev.lead_id as "leadId", ev.type, ev.occurred_at as "occurredAt"
        from unnest(${sql.param(ranges.map((r) => r.leadId))}::uuid[], ${sql.param(ranges.map((r) => r.from))}::int8[],
                    ${sql.param(ranges.map((r) => r.to))}::int8[]) as r(lead_id, from_ms, to_ms)
        cross join lateral (
          select id, lead_id, type, occurred_at from events
          where tenant_id = ${tenantId} and lead_id = r.lead_id and occurred_at >= r.from_ms and occurred_at < r.to_ms
            and type = any(${sql.param(types)}::text[])
          offset 0
        ) ev`,
  );
}
