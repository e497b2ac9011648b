import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { emailLocalKeySql, lastNameKeySql, phoneKeySql } from '../../db/lead-match-keys';
import { firstRow, rows } from '../../db/sql';
import { toIsoOrNull } from '../../db/timestamps';
import type { StoredCriterion } from '../assessments/assessments.repository';
import { LEAD_COLUMNS, LEAD_FROM, type LeadRow } from '../leads/lead-row';
import { type LockedScores, lockScoreRows } from '../scoring/lead-scores.repository';

/** Leads offered per key; a very common last name or mailbox name is capped, the scoring reads the rest. */
const PER_KEY = 200;
const PER_ACCOUNT = 200;

export interface CandidateRow extends LeadRow {
  subjectId: string;
}

/**
 * The leads that share a key with each subject: the same folded last name, the same mailbox name (without +tag
 * and dots), the same phone line, and with `sameAccount` up to 200 leads of the same account (typos in names).
 * Each branch is an index probe, so the cost follows the number of candidates, never the size of the tenant.
 */
export async function findCandidates(
  db: Db,
  tenantId: string,
  subjectIds: readonly string[],
  options: { sameAccount: boolean },
): Promise<CandidateRow[]> {
  if (subjectIds.length === 0) return [];
  const key = (expression: (column: string) => string, column: string) => sql.raw(expression(column));
  const account = options.sameAccount
    ? sql`union (select c.id from leads c where c.tenant_id = subj.tenant_id and c.account_id = subj.account_id
                   and subj.account_id is not null limit ${PER_ACCOUNT})`
    : sql``;
  return rows<CandidateRow>(
    db,
    sql`with m as (
          select subj.id as subject_id, found.id from leads subj
          cross join lateral (
            (select c.id from leads c where c.tenant_id = subj.tenant_id and c.last_name is not null
               and subj.last_name is not null
               and ${key(lastNameKeySql, 'c.last_name')} = ${key(lastNameKeySql, 'subj.last_name')} limit ${PER_KEY})
            union (select c.id from leads c where c.tenant_id = subj.tenant_id
               and ${key(emailLocalKeySql, 'c.email')} = ${key(emailLocalKeySql, 'subj.email')} limit ${PER_KEY})
            union (select c.id from leads c where c.tenant_id = subj.tenant_id and c.phone is not null
               and subj.phone is not null
               and ${key(phoneKeySql, 'c.phone')} = ${key(phoneKeySql, 'subj.phone')} limit ${PER_KEY})
            ${account}
          ) as found
          where subj.tenant_id = ${tenantId} and subj.id = any(${sql.param([...subjectIds])}::uuid[]))
        select m.subject_id as "subjectId", ${sql.raw(LEAD_COLUMNS)}
        from ${sql.raw(LEAD_FROM)}
        join m on l.id = m.id
        where l.tenant_id = ${tenantId} and l.id <> m.subject_id`,
  );
}

export interface Tombstone {
  mergedLeadId: string;
  mergedInto: string;
  email: string;
}

export async function findTombstone(db: Db, tenantId: string, id: string): Promise<Tombstone | undefined> {
  return firstRow<Tombstone>(
    db,
    sql`select merged_lead_id as "mergedLeadId", merged_into as "mergedInto", email from lead_merges
        where tenant_id = ${tenantId} and merged_lead_id = ${id}`,
  );
}

/** Addresses whose lead was merged away, to the lead that holds their history now (the latest merge wins). */
export async function findMergedEmails(
  db: Db,
  tenantId: string,
  emails: readonly string[],
): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const found = await rows<{ email: string; mergedInto: string }>(
    db,
    sql`select distinct on (email) email, merged_into as "mergedInto" from lead_merges
        where tenant_id = ${tenantId} and email = any(${sql.param([...emails])}::text[])
        order by email, merged_at desc`,
  );
  return new Map(found.map((row) => [row.email, row.mergedInto]));
}

export interface NewTombstone {
  mergedLeadId: string;
  survivorId: string;
  email: string;
  snapshot: unknown;
  changes: unknown;
  moved: unknown;
  actorKind: string;
  actorId: string | null;
  mergedAt: Date;
}

/** Writes the tombstone and points earlier tombstones of the duplicate at the survivor (chains stay one hop). */
export async function insertTombstone(db: Db, tenantId: string, row: NewTombstone): Promise<void> {
  await db.execute(
    sql`update lead_merges set merged_into = ${row.survivorId}
        where tenant_id = ${tenantId} and merged_into = ${row.mergedLeadId}`,
  );
  await db.execute(
    sql`insert into lead_merges (tenant_id, merged_lead_id, survivor_id, merged_into, email, snapshot, changes, moved,
          actor_kind, actor_id, merged_at)
        values (${tenantId}, ${row.mergedLeadId}, ${row.survivorId}, ${row.survivorId}, ${row.email},
          ${JSON.stringify(row.snapshot)}::jsonb, ${JSON.stringify(row.changes)}::jsonb, ${JSON.stringify(row.moved)}::jsonb,
          ${row.actorKind}, ${row.actorId}, ${row.mergedAt})`,
  );
}

export interface MergeRecordRow {
  mergedLeadId: string;
  email: string;
  survivorId: string;
  changes: unknown;
  moved: unknown;
  actorKind: string;
  actorId: string | null;
  mergedAt: Date | string;
}

export async function listMergesInto(db: Db, tenantId: string, leadId: string): Promise<MergeRecordRow[]> {
  return rows<MergeRecordRow>(
    db,
    sql`select merged_lead_id as "mergedLeadId", email, survivor_id as "survivorId", changes, moved,
          actor_kind as "actorKind", actor_id as "actorId", merged_at as "mergedAt"
        from lead_merges where tenant_id = ${tenantId} and merged_into = ${leadId} order by merged_at desc`,
  );
}

/**
 * Locks both leads (score rows first, in id order, as ingestion does) and reads them; a lead that does not exist,
 * or was merged away while this waited for its lock, is absent.
 */
export async function lockPair(
  db: Db,
  tenantId: string,
  ids: [string, string],
): Promise<{ leads: Map<string, LeadRow>; scores: Map<string, LockedScores> }> {
  const sorted = [...ids].sort();
  const scores = await lockScoreRows(db, tenantId, sorted);
  await db.execute(
    sql`select id from leads where tenant_id = ${tenantId} and id = any(${sql.param(sorted)}::uuid[])
        order by id for update`,
  );
  const found = await rows<LeadRow>(
    db,
    sql`select ${sql.raw(LEAD_COLUMNS)} from ${sql.raw(LEAD_FROM)}
        where l.tenant_id = ${tenantId} and l.id = any(${sql.param(sorted)}::uuid[])`,
  );
  return {
    leads: new Map(found.map((row) => [row.id, row])),
    scores: new Map(scores.map((row) => [row.id, row])),
  };
}

/** Re-homes the duplicate's ledger, history, notes and logged touches on the survivor; rows keep their ids. */
export async function moveLeadRows(
  db: Db,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ events: number; transitions: number; notes: number; touches: number }> {
  const count = async (table: 'events' | 'stage_transitions' | 'notes' | 'follow_up_touches') => {
    const moved = await rows<{ n: number }>(
      db,
      sql`with moved as (update ${sql.raw(table)} set lead_id = ${to} where tenant_id = ${tenantId} and lead_id = ${from}
          returning 1) select count(*)::int as n from moved`,
    );
    return moved[0]?.n ?? 0;
  };
  return {
    events: await count('events'),
    transitions: await count('stage_transitions'),
    notes: await count('notes'),
    touches: await count('follow_up_touches'),
  };
}

export interface StoredAssessment {
  framework: string;
  frameworkVersion: number;
  criteria: Record<string, StoredCriterion>;
  result: string;
  updatedBy: string | null;
}

export async function findAssessments(db: Db, tenantId: string, leadId: string): Promise<StoredAssessment[]> {
  return rows<StoredAssessment>(
    db,
    sql`select framework, framework_version as "frameworkVersion", criteria, result, updated_by as "updatedBy"
        from assessments where tenant_id = ${tenantId} and lead_id = ${leadId} order by framework`,
  );
}

export async function moveAssessment(db: Db, tenantId: string, from: string, to: string, framework: string) {
  await db.execute(
    sql`update assessments set lead_id = ${to}
        where tenant_id = ${tenantId} and lead_id = ${from} and framework = ${framework}`,
  );
}

export async function deleteLead(db: Db, tenantId: string, id: string): Promise<void> {
  await db.execute(sql`delete from assessments where tenant_id = ${tenantId} and lead_id = ${id}`);
  // What the follow-up sweep announced for the duplicate: the survivor's own clock and silence go on from its facts.
  await db.execute(sql`delete from follow_up_alerts where tenant_id = ${tenantId} and lead_id = ${id}`);
  await db.execute(sql`delete from lead_scores where tenant_id = ${tenantId} and lead_id = ${id}`);
  await db.execute(sql`delete from leads where tenant_id = ${tenantId} and id = ${id}`);
}

/** The survivor keeps the earliest hand-raise and first contact of the two, and may take the duplicate's email. */
export async function updateMergedFacts(
  db: Db,
  tenantId: string,
  survivorId: string,
  duplicate: LeadRow,
  email: string,
): Promise<void> {
  await db.execute(
    sql`update leads set email = ${email},
          first_hand_raise_at = least(first_hand_raise_at, ${toIsoOrNull(duplicate.firstHandRaiseAt)}::timestamptz),
          first_contacted_at = least(first_contacted_at, ${toIsoOrNull(duplicate.firstContactedAt)}::timestamptz),
          updated_at = now()
        where tenant_id = ${tenantId} and id = ${survivorId}`,
  );
}

export async function ledgerOf(db: Db, tenantId: string, leadId: string) {
  const found = await rows<{ type: string; occurredAt: number | string }>(
    db,
    sql`select type, occurred_at as "occurredAt" from events where tenant_id = ${tenantId} and lead_id = ${leadId}`,
  );
  return found.map((e) => ({ type: e.type, occurredAt: Number(e.occurredAt) }));
}
