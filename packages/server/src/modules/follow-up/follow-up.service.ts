import type {
  FollowUpQueue,
  FollowUpQueueItem,
  FollowUpQueueQuery,
  FollowUpStatusView,
  Lead,
  LeadWithFollowUp,
  TouchInput,
  TouchResult,
} from '@triage/contracts';
import { type FollowUpPolicy, followUpStatus, MS_PER_DAY, subtractBusinessMinutes } from '@triage/core';
import type { AppContext } from '../../context';
import { decodeCursor, encodeCursor, isIsoInstant, isUuid } from '../../cursor';
import { invalid, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { toLeadView } from '../leads/lead-view';
import { requireLead } from '../leads/require-lead';
import type { ActivePolicy } from '../policy/policy.service';
import { findUserIds } from '../users/users.repository';
import {
  countFollowUps,
  type FollowUpRow,
  findFollowUpRows,
  findQuietLeads,
  findWaitingHandRaisers,
  insertTouch,
  listTouches,
  type QuietFilter,
  recordContact,
} from './follow-up.repository';
import { followUpFacts, handRaiserTypes, toFollowUpView, toTouchView } from './follow-up-view';

/** How far ahead of the server's clock a touch's `at` may be (clients' clocks drift). */
const TOUCH_CLOCK_SKEW_MS = 5 * 60_000;

/** The instants that split waiting hand-raisers and silent leads into the queue's kinds, as of `now`. */
export function followUpCutoffs(policy: FollowUpPolicy, now: number) {
  const { businessHours: hours, speedToLead, goneQuiet } = policy;
  const escalateAfter = speedToLead.escalateAfterMinutes;
  return {
    /** Raised at or before: past due. */
    dueBy: new Date(subtractBusinessMinutes(now, speedToLead.targetMinutes, hours)),
    /** Raised at or before: escalated. */
    escalatedBy:
      escalateAfter === null
        ? null
        : new Date(subtractBusinessMinutes(now, speedToLead.targetMinutes + escalateAfter, hours)),
    quietBy: new Date(now - goneQuiet.afterDays * MS_PER_DAY),
    giveUpBy:
      goneQuiet.giveUpAfterDays === null ? null : new Date(now - goneQuiet.giveUpAfterDays * MS_PER_DAY),
  };
}

export function quietFilter(policy: FollowUpPolicy, now: number, ownerId?: string): QuietFilter {
  const { quietBy, giveUpBy } = followUpCutoffs(policy, now);
  return {
    stages: policy.goneQuiet.stages,
    clockStages: policy.speedToLead.stages,
    ownerId,
    quietBy,
    giveUpBy,
  };
}

/** The follow-up status of loaded rows, with the lead as the API shows it. */
function queueItem(
  row: FollowUpRow,
  active: ActivePolicy,
  policy: FollowUpPolicy,
  now: number,
): FollowUpQueueItem {
  return {
    lead: toLeadView(row, active, now),
    followUp: toFollowUpView(followUpStatus(followUpFacts(row), policy, now)),
  };
}

/**
 * Queue cursor: [group, long, at, id]. Group 0 is the waiting hand-raisers ordered by hand-raise; group 1 the
 * silent leads ordered by (long silence, last activity).
 */
type QueueKey = [0 | 1, boolean, string, string];
const isQueueKey = (key: unknown[]): key is QueueKey =>
  key.length === 4 &&
  (key[0] === 0 || key[0] === 1) &&
  typeof key[1] === 'boolean' &&
  isIsoInstant(key[2]) &&
  isUuid(key[3]);

async function requireQueryOwner(ctx: AppContext, tenantId: string, ownerId: string | undefined) {
  if (ownerId && !(await findUserIds(ctx.db, tenantId, [ownerId])).has(ownerId))
    throw invalid([
      { location: 'query', pointer: '/ownerId', message: 'no user with this id in this workspace' },
    ]);
}

/**
 * The follow-up queue, most urgent first: escalated, overdue and due hand-raisers (longest wait first), then leads
 * gone quiet (re-engage), then the long-quiet ones (nurture or let go). Candidates come from index-backed queries
 * in that order, so a page reads about `limit` leads whatever the workspace's size.
 */
export async function followUpQueue(
  ctx: AppContext,
  auth: AuthContext,
  query: FollowUpQueueQuery,
): Promise<FollowUpQueue> {
  const tenantId = auth.tenantId;
  const [active] = await Promise.all([
    ctx.policies.get(tenantId),
    requireQueryOwner(ctx, tenantId, query.ownerId),
  ]);
  const policy = active.policy.followUp;
  const now = ctx.now();
  const cutoffs = followUpCutoffs(policy, now);
  const types = handRaiserTypes(active.policy);
  const after = query.cursor ? decodeCursor(query.cursor, 'follow-ups:queue', isQueueKey) : undefined;
  const want = query.limit + 1;
  const kind = query.kind;

  const found: (FollowUpRow & { group: 0 | 1; long: boolean })[] = [];
  let knownQuiet: { goneQuiet: number; longQuiet: number } | undefined;
  if (kind !== 'gone_quiet' && (!after || after[0] === 0)) {
    const waiting = await findWaitingHandRaisers(
      ctx.db,
      tenantId,
      {
        stages: policy.speedToLead.stages,
        ownerId: query.ownerId,
        raisedBy:
          kind === 'escalated'
            ? (cutoffs.escalatedBy ?? new Date(0))
            : kind === 'overdue'
              ? cutoffs.dueBy
              : undefined,
        raisedAfter: kind === 'due' ? cutoffs.dueBy : undefined,
      },
      types,
      // Without escalation nothing is escalated: an empty page rather than every overdue lead.
      kind === 'escalated' && cutoffs.escalatedBy === null ? 0 : want,
      after ? { at: new Date(after[2]), id: after[3] } : undefined,
    );
    found.push(...waiting.map((row) => ({ ...row, group: 0 as const, long: false })));
  }
  if ((kind === undefined || kind === 'gone_quiet') && found.length < want) {
    const quiet = await findQuietLeads(
      ctx.db,
      tenantId,
      quietFilter(policy, now, query.ownerId),
      types,
      want - found.length,
      after?.[0] === 1 ? { long: after[1], at: new Date(after[2]), id: after[3] } : undefined,
    );
    found.push(...quiet.rows.map((row) => ({ ...row, group: 1 as const })));
    if (!after) knownQuiet = { goneQuiet: quiet.total - quiet.longTotal, longQuiet: quiet.longTotal };
  }

  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > query.limit && last
      ? encodeCursor('follow-ups:queue', [
          last.group,
          last.long,
          new Date(
            last.group === 0 ? (last.firstHandRaiseAt as Date | string) : last.followUpActivityAt,
          ).toISOString(),
          last.id,
        ])
      : null;
  // Counted for the first page only: later pages come from the same queue and skip the scan.
  const counts = after
    ? null
    : await countFollowUps(
        ctx.db,
        tenantId,
        { stages: policy.speedToLead.stages, dueBy: cutoffs.dueBy, escalatedBy: cutoffs.escalatedBy },
        quietFilter(policy, now, query.ownerId),
        knownQuiet,
      );
  return {
    items: page.map((row) => queueItem(row, active, policy, now)),
    nextCursor,
    counts,
    asOf: new Date(now).toISOString(),
  };
}

/** One lead's follow-up status, from the lead as loaded plus its touches, notes and hand-raise event. */
export async function leadFollowUp(
  ctx: AppContext,
  tenantId: string,
  leadId: string,
  active?: ActivePolicy,
): Promise<FollowUpStatusView> {
  const policy = active ?? (await ctx.policies.get(tenantId));
  const [row] = await findFollowUpRows(ctx.db, tenantId, [leadId], handRaiserTypes(policy.policy));
  if (!row) throw notFound('Lead');
  return toFollowUpView(followUpStatus(followUpFacts(row), policy.policy.followUp, ctx.now()));
}

/** GET /v1/leads/{id}: the lead and where it stands on follow-up. */
export async function withFollowUp(
  ctx: AppContext,
  auth: AuthContext,
  lead: Lead,
): Promise<LeadWithFollowUp> {
  return { ...lead, followUp: await leadFollowUp(ctx, auth.tenantId, lead.id) };
}

/**
 * Logs a rep's touch. One at or after the hand-raise stops the speed-to-lead clock (and becomes the lead's first
 * contact for the speed-to-lead report); any touch is activity, so the lead is no longer quiet. The stage does not
 * change: reaching someone is not accepting them.
 */
export async function logTouch(
  ctx: AppContext,
  auth: AuthContext,
  leadId: string,
  input: TouchInput,
): Promise<TouchResult> {
  const now = ctx.now();
  const at = input.at === undefined ? now : Date.parse(input.at);
  if (at > now + TOUCH_CLOCK_SKEW_MS)
    throw invalid([
      {
        location: 'body',
        pointer: '/at',
        message: 'is in the future: a touch records a contact that happened',
      },
    ]);
  const touch = await ctx.db.transaction(async (tx) => {
    await requireLead(tx, auth.tenantId, leadId, true);
    const row = await insertTouch(tx, auth.tenantId, {
      leadId,
      kind: input.kind,
      at: new Date(at),
      note: input.note ?? null,
      actorKind: auth.actor.kind,
      actorId: auth.actor.id,
      createdAt: new Date(now),
    });
    await recordContact(tx, auth.tenantId, leadId, new Date(at), new Date(now));
    return row;
  });
  // Open inboxes refresh: the lead may have left the follow-up queue.
  ctx.live.publish(auth.tenantId, { kind: 'events', leadIds: [leadId], accepted: 0, transitions: 0 });
  return { touch: toTouchView(touch), followUp: await leadFollowUp(ctx, auth.tenantId, leadId) };
}

export async function leadTouches(ctx: AppContext, auth: AuthContext, leadId: string, limit: number) {
  await requireLead(ctx.db, auth.tenantId, leadId);
  return { items: (await listTouches(ctx.db, auth.tenantId, leadId, limit)).map(toTouchView) };
}
