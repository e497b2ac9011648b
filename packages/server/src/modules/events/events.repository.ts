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

export interface LeadEngagementRow {
  id: string;
  stage: string;
  fitScore: number;
  fitKnockedOut: boolean;
  engagementValue: number;
  engagementAsOf: number;
}

/** Locks the leads in id order so concurrent batches touching the same leads cannot deadlock. */
export async function lockLeadsForScoring(
  db: Db,
  tenantId: string,
  ids: string[],
): Promise<LeadEngagementRow[]> {
  return rows<LeadEngagementRow>(
    db,
    sql`select id, stage, fit_score as "fitScore", fit_knocked_out as "fitKnockedOut",
          engagement_value as "engagementValue", engagement_as_of as "engagementAsOf"
        from leads where tenant_id = ${tenantId} and id = any(${sql.param(ids)}::uuid[])
        order by id for update`,
  );
}

export interface BucketRow {
  leadId: string;
  type: string;
  windowStart: number;
  raw: number;
  decayed: number;
  asOf: number;
}

export async function findBuckets(
  db: Db,
  tenantId: string,
  keys: { leadId: string; type: string; windowStart: number }[],
): Promise<BucketRow[]> {
  if (keys.length === 0) return [];
  // Several events of one lead often fall in the same window; a repeated key would return its bucket twice.
  const byKey = new Map<string, { leadId: string; type: string; windowStart: number }>();
  for (const key of keys) byKey.set(`${key.leadId}\u0000${key.type}\u0000${key.windowStart}`, key);
  const unique = [...byKey.values()];
  return rows<BucketRow>(
    db,
    sql`select b.lead_id as "leadId", b.type, b.window_start as "windowStart", b.raw, b.decayed, b.as_of as "asOf"
        from engagement_buckets b
        join unnest(${sql.param(unique.map((k) => k.leadId))}::uuid[], ${sql.param(unique.map((k) => k.type))}::text[],
                    ${sql.param(unique.map((k) => k.windowStart))}::int8[]) as k(lead_id, type, window_start)
          on b.lead_id = k.lead_id and b.type = k.type and b.window_start = k.window_start
        where b.tenant_id = ${tenantId}`,
  );
}

export async function upsertBuckets(db: Db, tenantId: string, list: BucketRow[]): Promise<void> {
  if (list.length === 0) return;
  await db.execute(
    sql`insert into engagement_buckets (tenant_id, lead_id, type, window_start, raw, decayed, as_of)
        select ${tenantId}::uuid, b.* from unnest(
          ${sql.param(list.map((b) => b.leadId))}::uuid[], ${sql.param(list.map((b) => b.type))}::text[],
          ${sql.param(list.map((b) => b.windowStart))}::int8[], ${sql.param(list.map((b) => b.raw))}::float8[],
          ${sql.param(list.map((b) => b.decayed))}::float8[], ${sql.param(list.map((b) => b.asOf))}::int8[])
          as b(lead_id, type, window_start, raw, decayed, as_of)
        on conflict (tenant_id, lead_id, type, window_start)
        do update set raw = excluded.raw, decayed = excluded.decayed, as_of = excluded.as_of`,
  );
}

export interface EngagementUpdate {
  id: string;
  value: number;
  asOf: number;
  hotKey: number | null;
  lastActivityAt: number;
  handRaiseAt: number | null;
}

/**
 * The `l.id = any(ids)` next to the join is what makes PostgreSQL find the leads through the primary key: joined
 * to unnest alone, it hashes every lead of the tenant (a scan that grows with the tenant, not the batch).
 */
export async function updateLeadEngagement(
  db: Db,
  tenantId: string,
  list: EngagementUpdate[],
): Promise<void> {
  if (list.length === 0) return;
  await db.execute(
    sql`update leads l set engagement_value = u.value, engagement_as_of = u.as_of, hot_key = u.hot_key,
          last_activity_at = greatest(l.last_activity_at, to_timestamp(u.last_activity / 1000.0)),
          first_hand_raise_at = case when u.hand_raise is null then l.first_hand_raise_at
            else least(coalesce(l.first_hand_raise_at, 'infinity'::timestamptz), to_timestamp(u.hand_raise / 1000.0)) end,
          updated_at = now()
        from unnest(${sql.param(list.map((u) => u.id))}::uuid[], ${sql.param(list.map((u) => u.value))}::float8[],
                    ${sql.param(list.map((u) => u.asOf))}::int8[], ${sql.param(list.map((u) => u.hotKey))}::float8[],
                    ${sql.param(list.map((u) => u.lastActivityAt))}::int8[], ${sql.param(list.map((u) => u.handRaiseAt))}::int8[])
          as u(id, value, as_of, hot_key, last_activity, hand_raise)
        where l.tenant_id = ${tenantId} and l.id = any(${sql.param(list.map((u) => u.id))}::uuid[]) and l.id = u.id`,
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

export async function findExistingLeadIds(db: Db, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`select id from leads where tenant_id = ${tenantId} and id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Set(found.map((r) => r.id));
}
