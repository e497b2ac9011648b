import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import type { EngagementPolicy } from '../policy/scoring-policy';
import { days } from '../units';
import {
  applyEngagementEvents,
  bucketKeyOf,
  EMPTY_ENGAGEMENT,
  type EngagementEvent,
  engagementAt,
  orderingKey,
  recomputeEngagement,
} from './engagement';
import { heatTier } from './heat-tier';

const policy: EngagementPolicy = {
  halfLifeDays: 10,
  eventTypes: {
    page_view: { weight: 1, cap: { points: 5, windowDays: 1 } },
    demo_request: { weight: 40, handRaiser: true },
    unsubscribe: { weight: -20 },
  },
  heatTiers: { warm: 10, hot: 30, onFire: 60 },
};

const T0 = Date.UTC(2025, 0, 6);
const at = (dayOffset: number, hours = 0): number => T0 + days(dayOffset) + hours * 3_600_000;
const ev = (type: string, occurredAt: number): EngagementEvent => ({ type, occurredAt });
const apply = (events: EngagementEvent[]) => applyEngagementEvents(EMPTY_ENGAGEMENT, [], events, policy);

describe('engagement decay', () => {
  it('counts an event fully when it happens and half after one half-life', () => {
    const { state } = apply([ev('demo_request', at(0))]);
    expect(state).toEqual({ value: 40, asOf: at(0) });
    expect(engagementAt(state, at(10), policy)).toBeCloseTo(20, 12);
    expect(engagementAt(state, at(30), policy)).toBeCloseTo(5, 12);
  });

  it('brings a late event to the latest instant instead of moving the clock back', () => {
    const first = apply([ev('demo_request', at(10))]);
    const late = applyEngagementEvents(first.state, [], [ev('demo_request', at(0))], policy);
    expect(late.state.asOf).toBe(at(10));
    expect(late.state.value).toBeCloseTo(40 + 20, 12);
  });

  it('gives unknown event types no weight', () => {
    expect(apply([ev('mystery', at(0))]).state.value).toBe(0);
  });

  it('answers for asOf when asked about an earlier instant (the state cannot un-see events)', () => {
    const { state } = apply([ev('demo_request', at(5))]);
    expect(engagementAt(state, at(1), policy)).toBe(40);
  });
});

describe('caps', () => {
  it('puts events of a capped type into fixed windows aligned to the epoch', () => {
    expect(bucketKeyOf(ev('page_view', at(3, 17)), policy)).toEqual({
      type: 'page_view',
      windowStart: at(3),
    });
    expect(bucketKeyOf(ev('demo_request', at(3)), policy)).toBeNull();
  });

  it('scales every event of an over-cap window by cap/raw, so the window counts at most the cap', () => {
    const views = Array.from({ length: 20 }, (_, i) => ev('page_view', at(0, i)));
    const { state, buckets } = apply(views);
    // 20 raw points at most 5: each view counts 1/4 of its decayed weight.
    const expected = views.reduce((sum, v) => sum + 0.25 * 2 ** (-(at(0, 19) - v.occurredAt) / days(10)), 0);
    expect(state.value).toBeCloseTo(expected, 12);
    expect(state.value).toBeLessThanOrEqual(5);
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ type: 'page_view', windowStart: at(0), raw: 20, asOf: at(0, 19) });
  });

  it('caps each window on its own', () => {
    const twoDays = [...Array(8)].flatMap((_, i) => [ev('page_view', at(0, i)), ev('page_view', at(1, i))]);
    const { buckets } = recomputeEngagement(twoDays, policy);
    expect(buckets.map((b) => [b.windowStart, b.raw])).toEqual([
      [at(0), 8],
      [at(1), 8],
    ]);
  });

  it('updates a stored window when more events of it arrive later', () => {
    const first = apply(Array.from({ length: 4 }, (_, i) => ev('page_view', at(0, i))));
    const more = Array.from({ length: 6 }, (_, i) => ev('page_view', at(0, 10 + i)));
    const next = applyEngagementEvents(first.state, first.buckets, more, policy);
    const all = recomputeEngagement(
      [...Array.from({ length: 4 }, (_, i) => ev('page_view', at(0, i))), ...more],
      policy,
    );
    expect(next.state.value).toBeCloseTo(all.state.value, 12);
    expect(next.buckets[0]?.raw).toBe(10);
  });

  it('refuses two stored buckets for the same window', () => {
    const bucket = { type: 'page_view', windowStart: at(0), raw: 1, decayed: 1, asOf: at(0) };
    expect(() =>
      applyEngagementEvents(EMPTY_ENGAGEMENT, [bucket, bucket], [ev('page_view', at(0))], policy),
    ).toThrow(/two buckets/);
  });

  it('counts a batch applied twice twice: deduplicating events is the store’s job', () => {
    const batch = [ev('demo_request', at(0))];
    const once = apply(batch);
    const twice = applyEngagementEvents(once.state, once.buckets, batch, policy);
    expect(twice.state.value).toBe(2 * once.state.value);
  });
});

describe('negative events', () => {
  it('never shows engagement below 0, but keeps the exact signed sum in the state', () => {
    const { state } = apply([ev('demo_request', at(0)), ev('unsubscribe', at(10))]);
    expect(state.value).toBeCloseTo(20 - 20, 12);
    const gone = apply([ev('unsubscribe', at(0))]).state;
    expect(gone.value).toBe(-20);
    expect(engagementAt(gone, at(0), policy)).toBe(0);
  });

  it('treats an unsubscribe as a debt that fades: later activity first pays off what is left of it', () => {
    const { state } = apply([ev('unsubscribe', at(0)), ev('demo_request', at(10))]);
    expect(engagementAt(state, at(10), policy)).toBeCloseTo(40 - 10, 12);
  });
});

describe('recomputeEngagement', () => {
  it('gives the score as it was at a past instant, leaving out later events', () => {
    const events = [ev('demo_request', at(0)), ev('demo_request', at(20))];
    const { state } = recomputeEngagement(events, policy, { asOf: at(10) });
    expect(state).toEqual({ value: 20, asOf: at(10) });
  });

  it('starts from nothing for an empty ledger', () => {
    expect(recomputeEngagement([], policy).state).toEqual(EMPTY_ENGAGEMENT);
  });
});

describe('orderingKey', () => {
  it('ranks a lead with 80 points two weeks ago level with one that has 40 points now', () => {
    const p = DEFAULT_POLICY.engagement; // 14-day half-life
    const older = orderingKey({ value: 80, asOf: at(0) }, p);
    const newer = orderingKey({ value: 40, asOf: at(14) }, p);
    expect(older).toBeCloseTo(newer ?? Number.NaN, 9);
  });

  it('leaves leads with nothing to rank out (null)', () => {
    expect(orderingKey({ value: 0, asOf: at(0) }, policy)).toBeNull();
    expect(orderingKey({ value: -3, asOf: at(0) }, policy)).toBeNull();
  });
});

describe('heatTier', () => {
  it.each([
    [0, 'cold'],
    [9.99, 'cold'],
    [10, 'warm'],
    [30, 'hot'],
    [59, 'hot'],
    [60, 'on_fire'],
    [1000, 'on_fire'],
  ] as const)('reads %d points as %s', (value, tier) => {
    expect(heatTier(value, policy.heatTiers)).toBe(tier);
  });

  it('cools a hot lead down tier by tier as time passes without events', () => {
    const { state } = apply([ev('demo_request', at(0))]);
    const tiers = [0, 5, 10, 20, 30].map((d) =>
      heatTier(engagementAt(state, at(d), policy), policy.heatTiers),
    );
    expect(tiers).toEqual(['hot', 'warm', 'warm', 'warm', 'cold']);
  });
});
