import type { EventBatchResult, EventInput, FieldIssue } from '@triage/contracts';
import {
  applyEngagementEvents,
  capBucketsFromLedger,
  cappedTypes,
  capWindowRanges,
  type EngagementEvent,
  type EngagementPolicy,
  engagementAt,
  eventTypePolicy,
  type FitResult,
  heatTier,
  orderingKey,
} from '@triage/core';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { useKeyedPlans } from '../../db/keyed-plans';
import { retryOnDeadlock } from '../../db/sql-errors';
import { HttpError, invalid } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { insertLeadsBulk } from '../leads/bulk-insert-leads';
import { type EngagementWrite, lockScoreRows, writeEngagement } from '../scoring/lead-scores.repository';
import { decideStageAfterScoring, storedFit } from '../transitions/stage-automation';
import type { NewTransition } from '../transitions/transitions.repository';
import { recordTransitions } from '../transitions/transitions.service';
import { heatTierChangedEvent, type OutboxEvent } from '../webhooks/webhook-payloads';
import {
  findLeadIdsByEmails,
  findLedgerEvents,
  findStages,
  insertEvents,
  type NewEvent,
  recordHandRaises,
} from './events.repository';

/** Clocks drift; an event stamped more than a day ahead is a client bug, not a future visit. */
const MAX_FUTURE_SKEW_MS = 86_400_000;

/**
 * Appends a batch to the ledger and applies it to scores and stages before answering, in one transaction:
 * when the call returns, the events are stored, the leads' heat reflects them and the stage rules have run.
 * An event id seen before (in this batch or any earlier one) is counted as a duplicate and changes nothing.
 */
export async function ingestEvents(
  ctx: AppContext,
  auth: AuthContext,
  events: EventInput[],
): Promise<EventBatchResult> {
  const now = ctx.now();
  const future = events.flatMap((e, i): FieldIssue[] =>
    Date.parse(e.occurredAt) > now + MAX_FUTURE_SKEW_MS
      ? [
          {
            location: 'body',
            pointer: `/events/${i}/occurredAt`,
            message: 'is more than a day in the future',
          },
        ]
      : [],
  );
  if (future.length) throw invalid(future);

  const [policy, outbox] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    ctx.webhooks.outbox(auth.tenantId),
  ]);
  const engagementPolicy = policy.policy.engagement;
  const heatWatched = outbox.wants('lead.heat_tier_changed');
  const firstOfId = new Map<string, number>();
  events.forEach((e, i) => {
    if (!firstOfId.has(e.id)) firstOfId.set(e.id, i);
  });
  const unique = [...firstOfId.values()].map((i) => ({ index: i, event: events[i]! }));
  const duplicatesInBatch = events.length - unique.length;

  const touched: string[] = [];
  const outcome = await retryOnDeadlock(() =>
    ctx.db.transaction(async (tx) => {
      touched.length = 0;
      outbox.hold();
      await useKeyedPlans(tx);
      const emails = [...new Set(unique.flatMap(({ event }) => (event.email ? [event.email] : [])))];
      const byEmail = await findLeadIdsByEmails(tx, auth.tenantId, emails);
      const missing = emails.filter((email) => !byEmail.has(email));
      let createdLeads = 0;
      if (missing.length) {
        const sourceOf = new Map<string, string>();
        for (const { event } of unique) {
          const source = event.properties?.source;
          if (event.email && typeof source === 'string' && !sourceOf.has(event.email))
            sourceOf.set(event.email, source.slice(0, 100));
        }
        const created = await insertLeadsBulk(
          tx,
          auth.tenantId,
          missing.map((email) => ({ email, source: sourceOf.get(email) })),
          policy,
          new Date(now),
          { kind: auth.actor.kind, id: auth.actor.id },
          outbox,
        );
        createdLeads = created.size;
        for (const [email, id] of created) byEmail.set(email, id);
        // A concurrent batch may have created some of them first: pick those up too.
        const raced = missing.filter((email) => !byEmail.has(email));
        for (const [email, id] of await findLeadIdsByEmails(tx, auth.tenantId, raced)) byEmail.set(email, id);
      }

      const rows: NewEvent[] = unique.map(({ event }) => ({
        id: event.id,
        leadId: event.leadId ?? byEmail.get(event.email!)!,
        type: event.type,
        occurredAt: Date.parse(event.occurredAt),
        properties: event.properties ?? null,
      }));
      const leadIds = [...new Set(rows.map((row) => row.leadId))];
      const stages = await findStages(tx, auth.tenantId, leadIds);
      if (stages.size < leadIds.length) {
        const unknown = unique.filter(({ event }) => event.leadId && !stages.has(event.leadId));
        throw new HttpError(
          404,
          'not_found',
          `${unknown.length} event(s) name a lead that does not exist`,
          unknown.map(({ index }) => ({
            location: 'body',
            pointer: `/events/${index}/leadId`,
            message: 'no lead with this id',
          })),
        );
      }

      const skipped = await insertEvents(tx, auth.tenantId, rows);
      const fresh = skipped.size ? rows.filter((row) => !skipped.has(row.id)) : rows;
      const accepted = new Set(fresh.map((row) => row.id));
      const result: EventBatchResult = {
        accepted: fresh.length,
        duplicates: duplicatesInBatch + (rows.length - fresh.length),
        createdLeads,
        transitions: [],
        unscoredTypes: unscoredTypes(fresh, engagementPolicy),
      };
      if (fresh.length === 0) {
        await outbox.flush(tx);
        return result;
      }

      // Everything from the lock to the commit is serialised with any other batch over the same leads, so only
      // what must see the previous holder's writes happens here: its engagement and the ledger's capped windows
      // (this batch's events were written before the lock; a batch that held it earlier could not see them and
      // did not need to, and the next holder will).
      const byLead = groupByLead(fresh);
      const leads = await lockScoreRows(tx, auth.tenantId, [...byLead.keys()]);
      const earlierByLead = await earlierCappedEvents(tx, auth.tenantId, fresh, accepted, engagementPolicy);
      const writes: EngagementWrite[] = [];
      const handRaises: { id: string; at: number }[] = [];
      const proposed: ProposedMove[] = [];
      const heated: (OutboxEvent | undefined)[] = [];
      const at = new Date(now);
      for (const locked of leads) {
        const leadEvents = byLead.get(locked.id)!;
        const applied = applyEngagementEvents(
          { value: locked.engagementValue, asOf: locked.engagementAsOf },
          capBucketsFromLedger(earlierByLead.get(locked.id) ?? [], engagementPolicy),
          leadEvents,
          engagementPolicy,
        );
        const { latest, handRaise } = batchMoments(leadEvents, engagementPolicy);
        writes.push({
          id: locked.id,
          row: locked.row,
          value: applied.state.value,
          asOf: applied.state.asOf,
          hotKey: orderingKey(applied.state, engagementPolicy),
          lastActivityAt: latest,
        });
        if (handRaise) handRaises.push({ id: locked.id, at: handRaise.occurredAt });
        if (heatWatched) heated.push(heatClimb(locked, applied.state, now, policy.policy.engagement));
        const scored = {
          id: locked.id,
          stage: stages.get(locked.id)!,
          engagementValue: applied.state.value,
          engagementAsOf: applied.state.asOf,
        };
        const raised = handRaise ? { type: handRaise.type } : undefined;
        const fit = storedFit(locked);
        const move = decideStageAfterScoring(scored, fit, undefined, raised, policy, at);
        if (move) proposed.push({ move, scored, fit, raised });
      }
      await writeEngagement(tx, auth.tenantId, writes);
      await recordHandRaises(tx, auth.tenantId, handRaises);
      // The stage was read without the lead's lock: take it now, and decide again where a rep moved it meanwhile.
      const stagesNow = await findStages(
        tx,
        auth.tenantId,
        proposed.map((p) => p.move.leadId),
        { lock: true },
      );
      const transitions = proposed.flatMap(({ move, scored, fit, raised }) => {
        const stage = stagesNow.get(move.leadId);
        if (stage === undefined || stage === move.fromStage) return [move];
        const again = decideStageAfterScoring({ ...scored, stage }, fit, undefined, raised, policy, at);
        return again ? [again] : [];
      });
      await recordTransitions(tx, auth.tenantId, transitions, outbox);
      await outbox.add(tx, heated, at);
      // The batch's events (leads created, stages moved, leads heated up) in one insert.
      await outbox.flush(tx);
      touched.push(...byLead.keys());
      result.transitions = transitions.map((t) => ({
        leadId: t.leadId,
        from: t.fromStage ?? '',
        to: t.toStage,
        rule: t.rule ?? '',
      }));
      return result;
    }),
  );
  outbox.committed();
  // After the commit, so a listener that reloads the inbox sees the new heat.
  if (outcome.accepted > 0) {
    // Decayed engagement and activity counts are model features: the stored P(convert) follows, shortly after.
    ctx.predictions.schedule(auth.tenantId, touched);
    ctx.live.publish(auth.tenantId, {
      kind: 'events',
      leadIds: [...new Set(unique.map(({ event }) => event.leadId).filter((id) => id !== undefined))],
      accepted: outcome.accepted,
      transitions: outcome.transitions.length,
    });
  }
  return outcome;
}

/** The tier a lead's heat was in just before this batch (decayed to now) and the one it is in after it. */
function heatClimb(
  before: { id: string; engagementValue: number; engagementAsOf: number },
  after: { value: number; asOf: number },
  now: number,
  policy: EngagementPolicy,
): OutboxEvent | undefined {
  const was = engagementAt({ value: before.engagementValue, asOf: before.engagementAsOf }, now, policy);
  const is = engagementAt(after, now, policy);
  return heatTierChangedEvent(
    before.id,
    heatTier(was, policy.heatTiers),
    heatTier(is, policy.heatTiers),
    is,
    new Date(now),
  );
}

function unscoredTypes(events: readonly NewEvent[], policy: EngagementPolicy): string[] {
  const unknown = new Set<string>();
  for (const event of events) if (!eventTypePolicy(event.type, policy)) unknown.add(event.type);
  return [...unknown].sort();
}

function groupByLead<T extends { leadId: string }>(events: readonly T[]): Map<string, T[]> {
  const byLead = new Map<string, T[]>();
  for (const event of events) {
    const list = byLead.get(event.leadId);
    if (list) list.push(event);
    else byLead.set(event.leadId, [event]);
  }
  return byLead;
}

/**
 * Per lead, the ledger's earlier events in the capped windows the new events fall in (the batch's own events,
 * already written, are left out): what a cap needs to know about the past.
 */
async function earlierCappedEvents(
  db: Db,
  tenantId: string,
  fresh: readonly NewEvent[],
  accepted: ReadonlySet<string>,
  policy: EngagementPolicy,
): Promise<Map<string, EngagementEvent[]>> {
  const found = await findLedgerEvents(db, tenantId, capWindowRanges(fresh, policy), cappedTypes(policy));
  return groupByLead(found.filter((event) => !accepted.has(event.id)));
}

/** An automatic move decided before the lead's lock, with what is needed to decide it again under the lock. */
interface ProposedMove {
  move: NewTransition;
  scored: Parameters<typeof decideStageAfterScoring>[0];
  fit: FitResult;
  raised: { type: string } | undefined;
}

/**
 * A lead's latest event in the batch and its earliest hand-raise. A plain loop: it runs once per lead of every
 * batch, and callbacks created per lead cost more than the work under the TypeScript loader.
 */
function batchMoments(
  events: readonly NewEvent[],
  policy: EngagementPolicy,
): { latest: number; handRaise: NewEvent | undefined } {
  let latest = Number.NEGATIVE_INFINITY;
  let handRaise: NewEvent | undefined;
  for (const event of events) {
    if (event.occurredAt > latest) latest = event.occurredAt;
    if (
      eventTypePolicy(event.type, policy)?.handRaiser &&
      (!handRaise || event.occurredAt < handRaise.occurredAt)
    )
      handRaise = event;
  }
  return { latest, handRaise };
}
