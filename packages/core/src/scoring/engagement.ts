import type { EngagementPolicy, EventTypePolicy } from '../policy/scoring-policy';
import { MS_PER_DAY } from '../units';

/** A behavioural event as the engine sees it; the store deduplicates by event id before calling us. */
export interface EngagementEvent {
  type: string;
  /** Epoch milliseconds. */
  occurredAt: number;
}

/**
 * A lead's engagement "value at instant asOf": Σ weight × 2^(−(asOf − t)/halfLife) over its events,
 * with capped types scaled per window (see CapBucket).
 *
 * `value` is the exact signed sum and may be negative after an unsubscribe; read it through
 * `engagementAt`, which clamps at 0. Why the clamp is applied on reading and not stored: a stored
 * clamp would make the result depend on arrival order (an unsubscribe that arrives late would cost
 * more or less than one that arrived on time) and break "the score equals the ledger". The
 * consequence of reading-time clamping: a negative event is a debt that decays like everything else;
 * while it outweighs the positive activity the lead shows 0 (cold, and absent from the hot list),
 * and activity after an unsubscribe first pays off what is left of that debt.
 */
export interface EngagementState {
  value: number;
  asOf: number;
}

/**
 * Running totals of one capped event type in one fixed window `[windowStart, windowStart + windowDays)`,
 * windows aligned to the epoch. `raw` is the undecayed weight that arrived; `decayed` is
 * Σ weight × decay at `asOf`, before cap scaling. When raw exceeds the cap every event in the window is
 * scaled by cap/raw, so the result does not depend on which events arrived first.
 */
export interface CapBucket {
  type: string;
  windowStart: number;
  raw: number;
  decayed: number;
  asOf: number;
}

export const EMPTY_ENGAGEMENT: EngagementState = { value: 0, asOf: 0 };

export const halfLifeMs = (policy: EngagementPolicy): number => policy.halfLifeDays * MS_PER_DAY;

/** 2^(−elapsed/halfLife): 1 now, ½ one half-life later. */
export const decayFactor = (elapsedMs: number, policy: EngagementPolicy): number =>
  2 ** (-elapsedMs / halfLifeMs(policy));

export const eventTypePolicy = (type: string, policy: EngagementPolicy): EventTypePolicy | undefined =>
  Object.hasOwn(policy.eventTypes, type) ? policy.eventTypes[type] : undefined;

/** Unknown event types weigh 0: they are kept in the ledger but do not move the score. */
export const eventWeight = (type: string, policy: EngagementPolicy): number =>
  eventTypePolicy(type, policy)?.weight ?? 0;

/** The window an event of a capped type falls in; null when its type has no cap. */
export const bucketKeyOf = (
  event: EngagementEvent,
  policy: EngagementPolicy,
): { type: string; windowStart: number } | null => {
  const cap = eventTypePolicy(event.type, policy)?.cap;
  if (cap === undefined) return null;
  const windowMs = cap.windowDays * MS_PER_DAY;
  return { type: event.type, windowStart: Math.floor(event.occurredAt / windowMs) * windowMs };
};

/**
 * Module-level rather than a closure inside the hot path: the TypeScript loader names every function it creates
 * (a property write per call), which cost more than the arithmetic of an update.
 */
const scaleUnderCap = (raw: number, points: number): number => (raw > points ? points / raw : 1);

/** The factor every event of a window is multiplied by: 1 under the cap, cap/raw above it. */
export const capScale = (type: string, raw: number, policy: EngagementPolicy): number => {
  const cap = eventTypePolicy(type, policy)?.cap;
  return cap === undefined ? 1 : scaleUnderCap(raw, cap.points);
};

const keyOf = (b: { type: string; windowStart: number }): string => `${b.type}\u0000${b.windowStart}`;

/**
 * One event, the common case of ingestion: the same arithmetic as the general path below, in the same order,
 * without its grouping maps (which cost more than the maths at millions of updates a second).
 */
const applyOneEvent = (
  state: EngagementState,
  given: CapBucket | undefined,
  event: EngagementEvent,
  policy: EngagementPolicy,
): { state: EngagementState; buckets: CapBucket[] } => {
  const typePolicy = eventTypePolicy(event.type, policy);
  const weight = typePolicy?.weight ?? 0;
  const cap = typePolicy?.cap;
  const halfLife = halfLifeMs(policy);
  if (cap === undefined) {
    const asOf = Math.max(state.asOf, event.occurredAt);
    const value =
      state.value * 2 ** (-(asOf - state.asOf) / halfLife) +
      weight * 2 ** (-(asOf - event.occurredAt) / halfLife);
    return { state: { value, asOf }, buckets: [] };
  }
  const windowMs = cap.windowDays * MS_PER_DAY;
  const windowStart = Math.floor(event.occurredAt / windowMs) * windowMs;
  const stored = given && given.type === event.type && given.windowStart === windowStart ? given : undefined;
  const asOf = Math.max(state.asOf, event.occurredAt, stored?.asOf ?? state.asOf);
  const rawBefore = stored?.raw ?? 0;
  const decayedBefore = stored ? stored.decayed * 2 ** (-(asOf - stored.asOf) / halfLife) : 0;
  const raw = rawBefore + weight;
  const decayed = decayedBefore + weight * 2 ** (-(asOf - event.occurredAt) / halfLife);
  const value =
    state.value * 2 ** (-(asOf - state.asOf) / halfLife) +
    (scaleUnderCap(raw, cap.points) * decayed - scaleUnderCap(rawBefore, cap.points) * decayedBefore);
  return { state: { value, asOf }, buckets: [{ type: event.type, windowStart, raw, decayed, asOf }] };
};

/**
 * Adds new events to a lead's engagement without looking at its older events. Events may be older
 * than `state.asOf` (late arrivals); everything is brought to the latest instant seen, so the result
 * equals `recomputeEngagement` over all events whatever the batching or order.
 *
 * `buckets` must hold the earlier totals of every (type, window) the new events fall in (see
 * `capBucketsFromLedger`); a missing one is taken as empty, which would over-count a capped type. The
 * answer lists every touched bucket, updated. Applying the same event twice counts
 * it twice: deduplication is the store's job.
 */

export const applyEngagementEvents = (
  state: EngagementState,
  buckets: readonly CapBucket[],
  events: readonly EngagementEvent[],
  policy: EngagementPolicy,
): { state: EngagementState; buckets: CapBucket[] } => {
  if (events.length === 0) return { state, buckets: [] };
  const [only] = events;
  if (events.length === 1 && only && buckets.length <= 1)
    return applyOneEvent(state, buckets[0], only, policy);

  const stored = new Map<string, CapBucket>();
  for (const bucket of buckets) {
    const key = keyOf(bucket);
    if (stored.has(key)) {
      throw new Error(`applyEngagementEvents: two buckets given for ${bucket.type} at ${bucket.windowStart}`);
    }
    stored.set(key, bucket);
  }

  const touched = new Map<string, { type: string; windowStart: number; events: EngagementEvent[] }>();
  const uncapped: EngagementEvent[] = [];
  let asOf = state.asOf;
  for (const event of events) {
    asOf = Math.max(asOf, event.occurredAt);
    const key = bucketKeyOf(event, policy);
    if (key === null) {
      uncapped.push(event);
      continue;
    }
    const id = keyOf(key);
    const group = touched.get(id) ?? { ...key, events: [] };
    group.events.push(event);
    touched.set(id, group);
  }
  for (const id of touched.keys()) asOf = Math.max(asOf, stored.get(id)?.asOf ?? asOf);

  let value = state.value * decayFactor(asOf - state.asOf, policy);
  for (const event of uncapped) {
    value += eventWeight(event.type, policy) * decayFactor(asOf - event.occurredAt, policy);
  }

  const updated: CapBucket[] = [];
  for (const [id, group] of touched) {
    const before = stored.get(id) ?? {
      type: group.type,
      windowStart: group.windowStart,
      raw: 0,
      decayed: 0,
      asOf,
    };
    const decayedBefore = before.decayed * decayFactor(asOf - before.asOf, policy);
    let raw = before.raw;
    let decayed = decayedBefore;
    for (const event of group.events) {
      const weight = eventWeight(event.type, policy);
      raw += weight;
      decayed += weight * decayFactor(asOf - event.occurredAt, policy);
    }
    // Swap the window's old contribution for its new one: the scale of every event in it may change.
    value +=
      capScale(group.type, raw, policy) * decayed - capScale(group.type, before.raw, policy) * decayedBefore;
    updated.push({ type: group.type, windowStart: group.windowStart, raw, decayed, asOf });
  }

  return { state: { value, asOf }, buckets: updated };
};

/**
 * The engagement state and buckets from the whole event ledger. With `asOf`, only events that had
 * happened by then count and the state is given at that instant: the score "as it was" on a date.
 * Without it the state is at the latest event (0 for an empty ledger).
 */
export const recomputeEngagement = (
  events: readonly EngagementEvent[],
  policy: EngagementPolicy,
  options: { asOf?: number } = {},
): { state: EngagementState; buckets: CapBucket[] } => {
  const cutoff = options.asOf;
  const included = cutoff === undefined ? events : events.filter((e) => e.occurredAt <= cutoff);
  const asOf = cutoff ?? included.reduce((max, e) => Math.max(max, e.occurredAt), EMPTY_ENGAGEMENT.asOf);

  let value = 0;
  const buckets = new Map<string, CapBucket>();
  for (const event of included) {
    const contribution = eventWeight(event.type, policy) * decayFactor(asOf - event.occurredAt, policy);
    const key = bucketKeyOf(event, policy);
    if (key === null) {
      value += contribution;
      continue;
    }
    const bucket = buckets.get(keyOf(key)) ?? { ...key, raw: 0, decayed: 0, asOf };
    bucket.raw += eventWeight(event.type, policy);
    bucket.decayed += contribution;
    buckets.set(keyOf(key), bucket);
  }
  for (const bucket of buckets.values()) value += capScale(bucket.type, bucket.raw, policy) * bucket.decayed;
  return { state: { value, asOf }, buckets: [...buckets.values()] };
};

/**
 * The engagement a rep sees at instant `at`: the state decayed to `at`, never below 0.
 * Asked about an instant before `asOf`, it answers for `asOf`: the state cannot forget events that
 * came in between (use `recomputeEngagement` with `asOf` for history).
 */
export const engagementAt = (state: EngagementState, at: number, policy: EngagementPolicy): number =>
  Math.max(0, state.value * decayFactor(Math.max(0, at - state.asOf), policy));

/**
 * A sort key for "hottest leads now" that never needs updating:
 *   log2(value at now) = log2(value) − (now − asOf)/halfLife = orderingKey − now/halfLife.
 * Every lead's current value is the same increasing function of its key minus the same now/halfLife,
 * so ordering leads by the stored key is ordering them by engagement now, for every now, and a tier
 * threshold T at `now` is the key bound log2(T) + now/halfLife. Null when there is nothing to rank
 * (value ≤ 0, which decay alone never changes): those leads are cold.
 */
export const orderingKey = (state: EngagementState, policy: EngagementPolicy): number | null =>
  state.value > 0 ? Math.log2(state.value) + state.asOf / halfLifeMs(policy) : null;

/**
 * The ordering key a lead needs for its engagement at `now` to reach `threshold`:
 * engagementAt(state, now) ≥ threshold ⇔ orderingKey(state) ≥ orderingKeyBound(threshold, now). A heat tier
 * "now" is therefore a range on the stored key, which its index answers.
 */
export const orderingKeyBound = (threshold: number, now: number, policy: EngagementPolicy): number =>
  Math.log2(threshold) + now / halfLifeMs(policy);
