import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { firstRow, rows } from '../../db/sql';
import { LEAD_COLUMNS, LEAD_FROM, type LeadRow } from '../leads/lead-row';

/** A lead with what the follow-up decisions read besides its own columns. */
export interface FollowUpRow extends LeadRow {
  /** The latest of: the lead's own events, a touch, a note, a stage change. */
  followUpActivityAt: Date | string;
  /** The hand-raiser event type at the first hand-raise, when the ledger has one. */
  handRaiseType: string | null;
}

const textArray = (list: readonly string[]) => sql`${sql.param([...list])}::text[]`;

/**
 * A hand-raiser nobody has answered: no contact, or only one made before the hand-raise. The same predicate as the
 * partial index `leads_tenant_waiting_hand_raise_idx`, so the planner can use it.
 */
const WAITING = sql.raw(
  `l.first_hand_raise_at is not null and (l.first_contacted_at is null or l.first_contacted_at < l.first_hand_raise_at)`,
);

/** A running clock: waiting, in a watched stage, and not knocked out by the ICP (nobody is meant to call those). */
const clockRunning = (stages: readonly string[]) =>
  sql`${WAITING} and l.stage = any(${textArray(stages)}) and not s.fit_knocked_out`;

const ACTIVITY = sql.raw(`greatest(
    s.last_activity_at,
    l.stage_changed_at,
    (select max(t.at) from follow_up_touches t where t.tenant_id = l.tenant_id and t.lead_id = l.id),
    (select max(n.created_at) from notes n where n.tenant_id = l.tenant_id and n.lead_id = l.id))`);

const handRaiseType = (types: readonly string[]) => sql`(select e.type from events e
    where e.tenant_id = l.tenant_id and e.lead_id = l.id and e.type = any(${textArray(types)})
      and e.occurred_at between (extract(epoch from l.first_hand_raise_at) * 1000)::bigint - 1
                            and (extract(epoch from l.first_hand_raise_at) * 1000)::bigint + 1
    order by e.occurred_at limit 1)`;

const followUpColumns = (types: readonly string[]) =>
  sql`${sql.raw(LEAD_COLUMNS)}, ${ACTIVITY} as "followUpActivityAt", ${handRaiseType(types)} as "handRaiseType"`;

/** What counting and marking need of a lead. */
const LEAN_COLUMNS = sql`l.id, ${ACTIVITY} as "followUpActivityAt"`;

const ownerFilter = (ownerId: string | undefined) => (ownerId ? sql` and l.owner_id = ${ownerId}` : sql``);

export async function findFollowUpRows(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  handRaiserTypes: readonly string[],
): Promise<FollowUpRow[]> {
  if (ids.length === 0) return [];
  return rows<FollowUpRow>(
    db,
    sql`select ${followUpColumns(handRaiserTypes)} from ${sql.raw(LEAD_FROM)}
        where l.tenant_id = ${tenantId} and l.id = any(${sql.param([...ids])}::uuid[])`,
  );
}

export interface WaitingFilter {
  stages: readonly string[];
  ownerId?: string | undefined;
  /** Only hand-raises at or before this instant (overdue, escalated). */
  raisedBy?: Date | undefined;
  /** Only hand-raises after this instant (still due). */
  raisedAfter?: Date | undefined;
}

/** Unanswered hand-raisers in the clock's stages, longest wait first (which is also earliest due first). */
export async function findWaitingHandRaisers(
  db: Db,
  tenantId: string,
  filter: WaitingFilter,
  handRaiserTypes: readonly string[],
  limit: number,
  after?: { at: Date; id: string },
): Promise<FollowUpRow[]> {
  return rows<FollowUpRow>(
    db,
    sql`select ${followUpColumns(handRaiserTypes)} from ${sql.raw(LEAD_FROM)}
        where l.tenant_id = ${tenantId} and ${clockRunning(filter.stages)}
          ${ownerFilter(filter.ownerId)}
          ${filter.raisedBy ? sql` and l.first_hand_raise_at <= ${filter.raisedBy}` : sql``}
          ${filter.raisedAfter ? sql` and l.first_hand_raise_at > ${filter.raisedAfter}` : sql``}
          ${after ? sql` and (l.first_hand_raise_at, l.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by l.first_hand_raise_at, l.id
        limit ${limit}`,
  );
}

export interface QuietFilter {
  stages: readonly string[];
  /** The clock's stages: an unanswered hand-raiser there is a call, not a silence. */
  clockStages: readonly string[];
  ownerId?: string | undefined;
  /** Last activity at or before this instant is a silence. */
  quietBy: Date;
  /** Last activity at or before this instant is a long silence (nurture or let go). */
  giveUpBy: Date | null;
}

/**
 * Leads of the working stages silent since `quietBy`. Both the stage change and the lead's own last event must be
 * older (an index-friendly first cut through `leads_tenant_stage_idx`), then touches and notes are checked.
 */
const quietLeads = (filter: QuietFilter, tenantId: string, columns: SQL) =>
  sql`select ${columns} from ${sql.raw(LEAD_FROM)}
      where l.tenant_id = ${tenantId} and l.stage = any(${textArray(filter.stages)})
        and l.stage_changed_at <= ${filter.quietBy}
        and (s.last_activity_at is null or s.last_activity_at <= ${filter.quietBy})
        and not (${clockRunning(filter.clockStages)})
        ${ownerFilter(filter.ownerId)}`;

/** `long` is true past the give-up limit: re-engagements come first, then the long silences. */
const longQuiet = (giveUpBy: Date | null): SQL =>
  giveUpBy ? sql`(q."followUpActivityAt" <= ${giveUpBy})` : sql`false`;

export interface QuietPage {
  rows: (FollowUpRow & { long: boolean })[];
  /** Silent leads after the cursor (all of them without one), long silences among them. */
  total: number;
  longTotal: number;
}

/**
 * A page of silent leads in queue order. The order and the totals are computed on the lean columns; the full lead
 * (account, hand-raise type) is read for the page's rows only.
 */
export async function findQuietLeads(
  db: Db,
  tenantId: string,
  filter: QuietFilter,
  handRaiserTypes: readonly string[],
  limit: number,
  after?: { long: boolean; at: Date; id: string },
): Promise<QuietPage> {
  const long = longQuiet(filter.giveUpBy);
  const found = await rows<FollowUpRow & { long: boolean; total: number; longTotal: number }>(
    db,
    sql`with ranked as (
          -- Milliseconds, as the cursor carries them: a microsecond left over would repeat a row on the next page.
          select q.id, date_trunc('milliseconds', q."followUpActivityAt") as since, ${long} as long,
            count(*) over ()::int as total, (count(*) filter (where ${long}) over ())::int as "longTotal"
          from (${quietLeads(filter, tenantId, LEAN_COLUMNS)}) q
          where q."followUpActivityAt" <= ${filter.quietBy}
            ${after ? sql` and (${long}, date_trunc('milliseconds', q."followUpActivityAt"), q.id) > (${after.long}, ${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          order by 3, 2, 1
          limit ${limit})
        select ${followUpColumns(handRaiserTypes)}, r.long, r.total, r."longTotal"
        from ranked r join (${sql.raw(LEAD_FROM)}) on l.tenant_id = ${tenantId} and l.id = r.id
        order by r.long, r.since, r.id`,
  );
  return {
    rows: found,
    total: found[0]?.total ?? 0,
    longTotal: found[0]?.longTotal ?? 0,
  };
}

export interface FollowUpCountRow {
  escalated: number;
  overdue: number;
  due: number;
  goneQuiet: number;
  longQuiet: number;
}

/** Counts per kind; `knownQuiet` (the totals of a first quiet page) spares the second scan of silent leads. */
export async function countFollowUps(
  db: Db,
  tenantId: string,
  clock: { stages: readonly string[]; dueBy: Date; escalatedBy: Date | null },
  quiet: QuietFilter,
  knownQuiet?: { goneQuiet: number; longQuiet: number },
): Promise<FollowUpCountRow> {
  const escalated = clock.escalatedBy ? sql`l.first_hand_raise_at <= ${clock.escalatedBy}` : sql`false`;
  const [waiting, silent] = await Promise.all([
    firstRow<Pick<FollowUpCountRow, 'escalated' | 'overdue' | 'due'>>(
      db,
      sql`select count(*) filter (where ${escalated})::int as escalated,
            count(*) filter (where l.first_hand_raise_at <= ${clock.dueBy} and not (${escalated}))::int as overdue,
            count(*) filter (where l.first_hand_raise_at > ${clock.dueBy})::int as due
          from leads l join lead_scores s on s.tenant_id = l.tenant_id and s.lead_id = l.id
          where l.tenant_id = ${tenantId} and ${clockRunning(clock.stages)}
            ${ownerFilter(quiet.ownerId)}`,
    ),
    knownQuiet ??
      firstRow<Pick<FollowUpCountRow, 'goneQuiet' | 'longQuiet'>>(
        db,
        sql`select count(*) filter (where not ${longQuiet(quiet.giveUpBy)})::int as "goneQuiet",
            count(*) filter (where ${longQuiet(quiet.giveUpBy)})::int as "longQuiet"
          from (${quietLeads(quiet, tenantId, LEAN_COLUMNS)}) q
          where q."followUpActivityAt" <= ${quiet.quietBy}`,
      ),
  ]);
  return {
    escalated: waiting?.escalated ?? 0,
    overdue: waiting?.overdue ?? 0,
    due: waiting?.due ?? 0,
    goneQuiet: silent?.goneQuiet ?? 0,
    longQuiet: silent?.longQuiet ?? 0,
  };
}

/* ------------------------------------------------------------------ touches */

export interface TouchRow {
  id: string;
  leadId: string;
  kind: string;
  at: Date | string;
  note: string | null;
  actorKind: string;
  actorId: string | null;
  createdAt: Date | string;
}

const TOUCH_COLUMNS = sql.raw(`id, lead_id as "leadId", kind, at, note, actor_kind as "actorKind",
  actor_id as "actorId", created_at as "createdAt"`);

export async function insertTouch(db: Db, tenantId: string, touch: Omit<TouchRow, 'id'>): Promise<TouchRow> {
  const row = await firstRow<TouchRow>(
    db,
    sql`insert into follow_up_touches (tenant_id, lead_id, kind, at, note, actor_kind, actor_id, created_at)
        values (${tenantId}, ${touch.leadId}, ${touch.kind}, ${touch.at}, ${touch.note}, ${touch.actorKind},
          ${touch.actorId}, ${touch.createdAt})
        returning ${TOUCH_COLUMNS}`,
  );
  return row!;
}

export async function listTouches(
  db: Db,
  tenantId: string,
  leadId: string,
  limit: number,
): Promise<TouchRow[]> {
  return rows<TouchRow>(
    db,
    sql`select ${TOUCH_COLUMNS} from follow_up_touches
        where tenant_id = ${tenantId} and lead_id = ${leadId}
        order by at desc, created_at desc limit ${limit}`,
  );
}

/**
 * A touch at or after the hand-raise is the contact that answers it: it becomes `first_contacted_at` unless an
 * earlier answer is recorded (one from before the hand-raise does not count), so the speed-to-lead report sees it.
 */
export async function recordContact(
  db: Db,
  tenantId: string,
  leadId: string,
  at: Date,
  now: Date,
): Promise<void> {
  await db.execute(
    sql`update leads set first_contacted_at = ${at}, updated_at = ${now}
        where tenant_id = ${tenantId} and id = ${leadId}
          and first_hand_raise_at is not null and first_hand_raise_at <= ${at}
          and (first_contacted_at is null or first_contacted_at < first_hand_raise_at or first_contacted_at > ${at})`,
  );
}

/* ------------------------------------------------------------------- alerts */

/**
 * Marks, for at most `limit` leads, the clock episodes (keyed by the hand-raise instant) that broke by `cutoff` and
 * were not announced yet, and returns those leads. Idempotent: a second run finds them marked.
 */
export async function markClockAlerts(
  db: Db,
  tenantId: string,
  kind: 'breached' | 'escalated',
  stages: readonly string[],
  cutoff: Date,
  at: Date,
  limit: number,
): Promise<string[]> {
  const forColumn = sql.raw(kind === 'breached' ? 'breached_for' : 'escalated_for');
  const atColumn = sql.raw(kind === 'breached' ? 'breached_at' : 'escalated_at');
  const marked = await rows<{ leadId: string }>(
    db,
    sql`with due as (
          select l.id, l.first_hand_raise_at as raised from leads l
          join lead_scores s on s.tenant_id = l.tenant_id and s.lead_id = l.id
          left join follow_up_alerts f on f.tenant_id = l.tenant_id and f.lead_id = l.id
          where l.tenant_id = ${tenantId} and ${clockRunning(stages)}
            and l.first_hand_raise_at <= ${cutoff} and f.${forColumn} is distinct from l.first_hand_raise_at
          order by l.first_hand_raise_at, l.id
          limit ${limit})
        insert into follow_up_alerts (tenant_id, lead_id, ${forColumn}, ${atColumn})
        select ${tenantId}, id, raised, ${at} from due
        on conflict (tenant_id, lead_id) do update set ${forColumn} = excluded.${forColumn}, ${atColumn} = excluded.${atColumn}
          where follow_up_alerts.${forColumn} is distinct from excluded.${forColumn}
        returning lead_id as "leadId"`,
  );
  return marked.map((row) => row.leadId);
}

/** Marks silences (keyed by the last activity) not announced yet, like `markClockAlerts`. */
export async function markQuietAlerts(
  db: Db,
  tenantId: string,
  filter: QuietFilter,
  at: Date,
  limit: number,
): Promise<string[]> {
  const marked = await rows<{ leadId: string }>(
    db,
    sql`with quiet as (
          select q.id, q."followUpActivityAt" as since from (${quietLeads(filter, tenantId, LEAN_COLUMNS)}) q
          left join follow_up_alerts f on f.tenant_id = ${tenantId} and f.lead_id = q.id
          where q."followUpActivityAt" <= ${filter.quietBy} and f.quiet_for is distinct from q."followUpActivityAt"
          order by q."followUpActivityAt", q.id
          limit ${limit})
        insert into follow_up_alerts (tenant_id, lead_id, quiet_for, quiet_at)
        select ${tenantId}, id, since, ${at} from quiet
        on conflict (tenant_id, lead_id) do update set quiet_for = excluded.quiet_for, quiet_at = excluded.quiet_at
          where follow_up_alerts.quiet_for is distinct from excluded.quiet_for
        returning lead_id as "leadId"`,
  );
  return marked.map((row) => row.leadId);
}

export async function listTenantIds(db: Db): Promise<string[]> {
  return (await rows<{ id: string }>(db, sql`select id from tenants order by id`)).map((row) => row.id);
}
