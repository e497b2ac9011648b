import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';

export interface NewEvent {
  id: string;
  leadId: string;
  type: string;
  occurredAt: number;
  properties: Record<string, unknown> | null;
}

/** Appends events once: an id already in the ledger is skipped, and only the ids actually written come back. */
export async function insertEvents(db: Db, tenantId: string, list: NewEvent[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const inserted = await rows<{ id: string }>(
    db,
    sql`insert into events (tenant_id, id, lead_id, type, occurred_at, properties)
        select ${tenantId}::uuid, e.id, e.lead_id, e.type, e.occurred_at, e.properties
        from unnest(${sql.param(list.map((e) => e.id))}::text[], ${sql.param(list.map((e) => e.leadId))}::uuid[],
                    ${sql.param(list.map((e) => e.type))}::text[], ${sql.param(list.map((e) => e.occurredAt))}::int8[],
                    ${sql.param(list.map((e) => (e.properties ? JSON.stringify(e.properties) : null)))}::jsonb[])
          as e(id, lead_id, type, occurred_at, properties)
        on conflict (tenant_id, id) do nothing
        returning id`,
  );
  return new Set(inserted.map((r) => r.id));
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
  return new Map(found.map((r) => [r.email, r.id]));
}
