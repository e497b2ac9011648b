import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';

export interface NewLeadScore {
  id: string;
  fitScore: number;
  fitKnockedOut: boolean;
  policyVersion: number;
}

/**
 * A new lead's score row: its fit, and cold engagement (value 0, no heat key). Every path that inserts leads calls
 * this in the same transaction; lists join the row, so a lead without one would not be listed.
 */
export async function createScoreRows(
  db: Db,
  tenantId: string,
  list: readonly NewLeadScore[],
): Promise<void> {
  if (list.length === 0) return;
  await db.execute(
    sql`insert into lead_scores (tenant_id, lead_id, fit_score, fit_knocked_out, policy_version)
        select ${tenantId}::uuid, n.* from unnest(${sql.param(list.map((s) => s.id))}::uuid[],
          ${sql.param(list.map((s) => s.fitScore))}::smallint[], ${sql.param(list.map((s) => s.fitKnockedOut))}::boolean[],
          ${sql.param(list.map((s) => s.policyVersion))}::int[]) as n(id, fit, knocked, version)
        on conflict do nothing`,
  );
}

export interface FitWrite {
  id: string;
  fitScore: number;
  fitKnockedOut: boolean;
}

/** Stores new fits; with a policy version, also marks the leads as scored by it (a re-score's progress). */
export async function writeFits(
  db: Db,
  tenantId: string,
  list: readonly FitWrite[],
  policyVersion?: number,
): Promise<void> {
  if (list.length === 0) return;
  const ids = list.map((f) => f.id);
  await db.execute(
    sql`update lead_scores s set fit_score = u.fit, fit_knocked_out = u.knocked
          ${policyVersion === undefined ? sql`` : sql`, policy_version = ${policyVersion}`}
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(list.map((f) => f.fitScore))}::smallint[],
                    ${sql.param(list.map((f) => f.fitKnockedOut))}::boolean[]) as u(id, fit, knocked)
        where s.tenant_id = ${tenantId} and s.lead_id = any(${sql.param(ids)}::uuid[]) and s.lead_id = u.id`,
  );
}

export interface LockedScores {
  id: string;
  /** The row's physical address (ctid): stable while this transaction holds the lock, see writeEngagement. */
  row: string;
  fitScore: number;
  fitKnockedOut: boolean;
  engagementValue: number;
  engagementAsOf: number;
}

/**
 * Locks the leads' score rows in id order (so concurrent batches over the same leads queue instead of
 * deadlocking) and reads them. Only the narrow score row is locked: a rep moving the lead by hand is not
 * held up by its events. Lock order everywhere: score rows, then lead rows.
 */
export async function lockScoreRows(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<LockedScores[]> {
  if (ids.length === 0) return [];
  return rows<LockedScores>(
    db,
    sql`select lead_id as id, ctid::text as row, fit_score as "fitScore", fit_knocked_out as "fitKnockedOut",
          engagement_value as "engagementValue", engagement_as_of as "engagementAsOf" from lead_scores
        where tenant_id = ${tenantId} and lead_id = any(${sql.param(ids)}::uuid[])
        order by lead_id for update`,
  );
}

export interface EngagementWrite {
  id: string;
  /** The address lockScoreRows returned for the lead in this transaction. */
  row: string;
  value: number;
  asOf: number;
  hotKey: number | null;
  /** Epoch ms of the latest event; null leaves the stored instant as it is. */
  lastActivityAt: number | null;
}

/**
 * Writes engagement to score rows this transaction locked (lockScoreRows), found by the address the lock returned:
 * a locked row cannot move, and a TID scan skips a primary-key probe per row while other batches over the same leads
 * wait for this one. A row updated since its lock was taken (by this transaction) has moved and would be skipped
 * silently, so the count written is checked.
 */
export async function writeEngagement(
  db: Db,
  tenantId: string,
  list: readonly EngagementWrite[],
): Promise<void> {
  if (list.length === 0) return;
  const addresses = list.map((u) => u.row);
  const written = await rows<{ id: string }>(
    db,
    sql`update lead_scores s set engagement_value = u.value, engagement_as_of = u.as_of, hot_key = u.hot_key,
          last_activity_at = case when u.last_activity is null then s.last_activity_at
            else greatest(s.last_activity_at, to_timestamp(u.last_activity / 1000.0)) end
        from unnest(${sql.param(addresses)}::tid[], ${sql.param(list.map((u) => u.id))}::uuid[],
                    ${sql.param(list.map((u) => u.value))}::float8[], ${sql.param(list.map((u) => u.asOf))}::int8[],
                    ${sql.param(list.map((u) => u.hotKey))}::float8[], ${sql.param(list.map((u) => u.lastActivityAt))}::int8[])
          as u(address, id, value, as_of, hot_key, last_activity)
        where s.ctid = any(${sql.param(addresses)}::tid[]) and s.ctid = u.address
          and s.tenant_id = ${tenantId} and s.lead_id = u.id
        returning s.lead_id as id`,
  );
  if (written.length !== list.length)
    throw new Error(
      `writeEngagement: ${list.length - written.length} score row(s) moved after they were locked`,
    );
}
