import type { EventBatchResult, EventInput, FieldIssue } from '@triage/contracts';
import {
  applyEngagementEvents,
  bucketKeyOf,
  type CapBucket,
  type EngagementEvent,
  orderingKey,
  type Stage,
} from '@triage/core';
import type { AppContext } from '../../context';
import { HttpError, invalid } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { insertLeadsBulk } from '../leads/bulk-insert-leads';
import { repredictLeads } from '../predictive/predictive.service';
import { decideStageAfterScoring, storedFit } from '../transitions/stage-automation';
import type { NewTransition } from '../transitions/transitions.repository';
import { recordTransitions } from '../transitions/transitions.service';
import {
  type BucketRow,
  type EngagementUpdate,
  findBuckets,
  findExistingLeadIds,
  findLeadIdsByEmails,
  insertEvents,
  lockLeadsForScoring,
  type NewEvent,
  updateLeadEngagement,
  upsertBuckets,
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

  const policy = await ctx.policies.get(auth.tenantId);
  const engagementPolicy = policy.policy.engagement;
  const firstOfId = new Map<string, number>();
  events.forEach((e, i) => {
    if (!firstOfId.has(e.id)) firstOfId.set(e.id, i);
  });
  const unique = [...firstOfId.values()].map((i) => ({ index: i, event: events[i]! }));
  const duplicatesInBatch = events.length - unique.length;

  const outcome = await ctx.db.transaction(async (tx) => {
    const ids = [...new Set(unique.flatMap(({ event }) => (event.leadId ? [event.leadId] : [])))];
    const known = await findExistingLeadIds(tx, auth.tenantId, ids);
    const unknown = unique.filter(({ event }) => event.leadId && !known.has(event.leadId));
    if (unknown.length) {
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
    const accepted = await insertEvents(tx, auth.tenantId, rows);
    const fresh = rows.filter((row) => accepted.has(row.id));
    const result: EventBatchResult = {
      accepted: fresh.length,
      duplicates: duplicatesInBatch + (rows.length - fresh.length),
      createdLeads,
      transitions: [],
    };
    if (fresh.length === 0) return result;

    const byLead = new Map<string, NewEvent[]>();
    for (const row of fresh) {
      const list = byLead.get(row.leadId);
      if (list) list.push(row);
      else byLead.set(row.leadId, [row]);
    }
    const leads = await lockLeadsForScoring(tx, auth.tenantId, [...byLead.keys()]);
    const bucketKeys = fresh.flatMap((row) => {
      const key = bucketKeyOf(row, engagementPolicy);
      return key ? [{ leadId: row.leadId, ...key }] : [];
    });
    const bucketsByLead = new Map<string, CapBucket[]>();
    for (const b of await findBuckets(tx, auth.tenantId, bucketKeys)) {
      const list = bucketsByLead.get(b.leadId) ?? [];
      list.push({ type: b.type, windowStart: b.windowStart, raw: b.raw, decayed: b.decayed, asOf: b.asOf });
      bucketsByLead.set(b.leadId, list);
    }

    const updates: EngagementUpdate[] = [];
    const bucketWrites: BucketRow[] = [];
    const transitions: NewTransition[] = [];
    const at = new Date(now);
    for (const lead of leads) {
      const leadEvents = byLead.get(lead.id)!;
      const applied = applyEngagementEvents(
        { value: lead.engagementValue, asOf: lead.engagementAsOf },
        bucketsByLead.get(lead.id) ?? [],
        leadEvents as EngagementEvent[],
        engagementPolicy,
      );
      for (const b of applied.buckets) bucketWrites.push({ leadId: lead.id, ...b });
      const handRaisers = leadEvents.filter((e) => engagementPolicy.eventTypes[e.type]?.handRaiser);
      const firstHandRaise = handRaisers.reduce<number | null>(
        (min, e) => (min === null || e.occurredAt < min ? e.occurredAt : min),
        null,
      );
      updates.push({
        id: lead.id,
        value: applied.state.value,
        asOf: applied.state.asOf,
        hotKey: orderingKey(applied.state, engagementPolicy),
        lastActivityAt: Math.max(...leadEvents.map((e) => e.occurredAt)),
        handRaiseAt: firstHandRaise,
      });
      const move = decideStageAfterScoring(
        {
          id: lead.id,
          stage: lead.stage as Stage,
          engagementValue: applied.state.value,
          engagementAsOf: applied.state.asOf,
        },
        storedFit(lead),
        undefined,
        handRaisers[0] ? { type: handRaisers[0].type } : undefined,
        policy,
        at,
      );
      if (move) transitions.push(move);
    }
    await updateLeadEngagement(tx, auth.tenantId, updates);
    await upsertBuckets(tx, auth.tenantId, bucketWrites);
    await recordTransitions(tx, auth.tenantId, transitions);
    await repredictLeads(ctx, tx, auth.tenantId, [...byLead.keys()], policy);
    result.transitions = transitions.map((t) => ({
      leadId: t.leadId,
      from: t.fromStage ?? '',
      to: t.toStage,
      rule: t.rule ?? '',
    }));
    return result;
  });
  // After the commit, so a listener that reloads the inbox sees the new heat.
  if (outcome.accepted > 0) {
    ctx.live.publish(auth.tenantId, {
      kind: 'events',
      leadIds: [...new Set(unique.map(({ event }) => event.leadId).filter((id) => id !== undefined))],
      accepted: outcome.accepted,
      transitions: outcome.transitions.length,
    });
  }
  return outcome;
}
