import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngagementPolicy } from '../policy/scoring-policy';
import { days } from '../units';
import {
  applyEngagementEvents,
  type CapBucket,
  EMPTY_ENGAGEMENT,
  type EngagementEvent,
  type EngagementState,
  engagementAt,
  orderingKey,
  orderingKeyBound,
  recomputeEngagement,
} from './engagement';
import { TIGHT_CAPS_POLICY } from './tight-caps-policy.fixture';

// On failure fast-check prints { seed, path }: pass them to fc.assert to replay the exact case.

const policy = TIGHT_CAPS_POLICY;
const positiveOnly: EngagementPolicy = {
  ...policy,
  eventTypes: Object.fromEntries(Object.entries(policy.eventTypes).filter(([, t]) => t.weight > 0)),
};
/** No caps and absolute weights: the size of the terms being summed, for a fair relative error. */
const magnitudePolicy: EngagementPolicy = {
  ...policy,
  eventTypes: Object.fromEntries(
    Object.entries(policy.eventTypes).map(([k, t]) => [k, { weight: Math.abs(t.weight) }]),
  ),
};

const T0 = Date.UTC(2025, 2, 1);
// Capped types are drawn more often and half the events land in the same few days, so windows
// overflow their cap in most runs, often across batches (the case that needs per-window state).
const typeArb = fc.oneof(
  fc.constantFrom('page_view', 'email_open', 'content_download'),
  fc.constantFrom(...Object.keys(policy.eventTypes), 'unknown_type'),
);
const eventArb: fc.Arbitrary<EngagementEvent> = fc.record({
  type: typeArb,
  occurredAt: fc.oneof(
    fc.integer({ min: T0, max: T0 + days(3) }),
    fc.integer({ min: T0, max: T0 + days(60) }),
  ),
});
const eventsArb = fc.array(eventArb, { minLength: 1, maxLength: 60 });

/** A ledger cut into consecutive batches, in a shuffled arrival order. */
const batchedArb = eventsArb.chain((events) =>
  fc
    .tuple(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.nat(), { maxLength: 8 }))
    .map(([shuffled, cuts]) => {
      const points = [...new Set(cuts.map((c) => c % (shuffled.length + 1)))].sort((a, b) => a - b);
      const bounds = [0, ...points, shuffled.length];
      return { events, batches: bounds.slice(1).map((end, i) => shuffled.slice(bounds[i], end)) };
    }),
);

/** Plays the server: stores buckets by key and hands back the ones each batch touches. */
const applyInBatches = (batches: EngagementEvent[][], p: EngagementPolicy) => {
  const store = new Map<string, CapBucket>();
  let state: EngagementState = EMPTY_ENGAGEMENT;
  for (const batch of batches) {
    const result = applyEngagementEvents(state, [...store.values()], batch, p);
    state = result.state;
    for (const b of result.buckets) store.set(`${b.type}/${b.windowStart}`, b);
  }
  return { state, buckets: [...store.values()] };
};

const expectClose = (actual: number, expected: number, scale: number) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), scale));
};

describe('engagement properties', () => {
  it('applying the ledger incrementally, in any order and batching, equals recomputing it (relative error ≤ 1e-9)', () => {
    fc.assert(
      fc.property(batchedArb, ({ events, batches }) => {
        const incremental = applyInBatches(batches, positiveOnly);
        const full = recomputeEngagement(events, positiveOnly);
        expect(incremental.state.asOf).toBe(full.state.asOf);
        if (full.state.value > 1e-6) {
          expect(Math.abs(incremental.state.value - full.state.value) / full.state.value).toBeLessThanOrEqual(
            1e-9,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact with negative events, relative to the size of the terms summed', () => {
    fc.assert(
      fc.property(batchedArb, ({ events, batches }) => {
        const incremental = applyInBatches(batches, policy);
        const full = recomputeEngagement(events, policy);
        const scale = recomputeEngagement(events, magnitudePolicy).state.value;
        expectClose(incremental.state.value, full.state.value, scale);
        const fullBuckets = new Map(full.buckets.map((b) => [`${b.type}/${b.windowStart}`, b]));
        expect(incremental.buckets).toHaveLength(fullBuckets.size);
        for (const b of incremental.buckets) {
          const other = fullBuckets.get(`${b.type}/${b.windowStart}`);
          expect(b.raw).toBeCloseTo(other?.raw ?? Number.NaN, 9);
          const atSameInstant = b.decayed * 2 ** (-(full.state.asOf - b.asOf) / days(policy.halfLifeDays));
          expectClose(atSameInstant, other?.decayed ?? Number.NaN, 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the events', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((e) => fc.tuple(fc.constant(e), fc.shuffledSubarray(e, { minLength: e.length }))),
        ([events, shuffled]) => {
          const a = recomputeEngagement(events, policy).state.value;
          const b = recomputeEngagement(shuffled, policy).state.value;
          expectClose(b, a, recomputeEngagement(events, magnitudePolicy).state.value);
        },
      ),
    );
  });

  it('never increases with time alone', () => {
    fc.assert(
      fc.property(eventsArb, fc.nat({ max: days(400) }), fc.nat({ max: days(400) }), (events, d1, d2) => {
        const { state } = recomputeEngagement(events, policy);
        const earlier = engagementAt(state, state.asOf + Math.min(d1, d2), policy);
        const later = engagementAt(state, state.asOf + Math.max(d1, d2), policy);
        expect(later).toBeLessThanOrEqual(earlier);
        expect(earlier).toBeLessThanOrEqual(Math.max(0, state.value));
        expect(later).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('ordering by the stored key is ordering by engagement now, for any now', () => {
    const stateArb = fc.record({
      value: fc.double({ min: 0.01, max: 500, noNaN: true }),
      asOf: fc.integer({ min: T0, max: T0 + days(90) }),
    });
    fc.assert(
      fc.property(stateArb, stateArb, fc.nat({ max: days(60) }), (a, b, extra) => {
        const now = Math.max(a.asOf, b.asOf) + extra;
        const keyA = orderingKey(a, policy) ?? Number.NEGATIVE_INFINITY;
        const keyB = orderingKey(b, policy) ?? Number.NEGATIVE_INFINITY;
        const valueA = engagementAt(a, now, policy);
        const valueB = engagementAt(b, now, policy);
        if (Math.abs(keyA - keyB) > 1e-9) expect(Math.sign(valueA - valueB)).toBe(Math.sign(keyA - keyB));
      }),
    );
  });

  it('a heat threshold now is a bound on the stored key', () => {
    const stateArb = fc.record({
      value: fc.double({ min: 0.01, max: 500, noNaN: true }),
      asOf: fc.integer({ min: T0, max: T0 + days(90) }),
    });
    fc.assert(
      fc.property(
        stateArb,
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.nat({ max: days(60) }),
        (state, threshold, extra) => {
          const now = state.asOf + extra;
          const key = orderingKey(state, policy)!;
          const bound = orderingKeyBound(threshold, now, policy);
          const value = engagementAt(state, now, policy);
          if (Math.abs(key - bound) > 1e-9) expect(value >= threshold).toBe(key >= bound);
        },
      ),
    );
  });
});
