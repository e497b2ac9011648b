import { applyEngagementEvents, bucketKeyOf, type CapBucket, DEFAULT_POLICY } from '@triage/core';
import { pickEventType, seededRandom } from './bench-random';
import type { Bench } from './bench-result';
import { grouped, median } from './bench-stats';

const DAY = 86_400_000;

/**
 * Core engagement updates per second: one event at a time applied to a lead's stored state and the cap
 * bucket its window falls in (what ingestion does per event, without the database).
 */
export const benchEngagement: Bench = async ({ quick }) => {
  const policy = DEFAULT_POLICY.engagement;
  const random = seededRandom(7);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const events = Array.from({ length: 65_536 }, (_, i) => ({
    type: pickEventType(random()),
    // Mostly in order, a few late arrivals up to two days back.
    occurredAt: start + i * 60_000 - (random() < 0.05 ? Math.floor(random() * 2 * DAY) : 0),
  }));
  const typeIndex = new Map(Object.keys(policy.eventTypes).map((type, i) => [type, i + 1]));
  const cappedShare = events.filter((e) => bucketKeyOf(e, policy) !== null).length / events.length;
  const perRound = quick ? 100_000 : 2_000_000;
  const rounds = quick ? 3 : 7;
  const rates: number[] = [];
  let checksum = 0;
  for (let round = 0; round < rounds; round++) {
    let state = { value: 0, asOf: 0 };
    const buckets = new Map<number, CapBucket>();
    const began = performance.now();
    for (let i = 0; i < perRound; i++) {
      const event = events[i & 65_535]!;
      const key = bucketKeyOf(event, policy);
      // The store's lookup, kept cheap (windows start on whole days, so a type's index fits below them).
      const id = key ? key.windowStart + typeIndex.get(event.type)! : 0;
      const stored = key ? buckets.get(id) : undefined;
      const applied = applyEngagementEvents(state, stored ? [stored] : [], [event], policy);
      state = applied.state;
      const touched = applied.buckets[0];
      if (touched) buckets.set(id, touched);
      // Old windows are never touched again; keep the map the size a lead's recent history would be.
      if (buckets.size > 256) buckets.clear();
    }
    rates.push(perRound / ((performance.now() - began) / 1000));
    checksum += state.value;
  }
  if (!Number.isFinite(checksum)) throw new Error('engagement bench produced a non-finite score');
  const rate = median(rates);
  return [
    {
      name: 'core engagement updates (one event, stored state + cap bucket)',
      target: 'none',
      value: rate,
      unit: 'updates/s',
      goal: '>= 2,000,000 updates/s',
      meetsGoal: rate >= 2_000_000,
      detail: `median of ${rounds} rounds of ${grouped(perRound)} updates (range ${grouped(Math.min(...rates))}–${grouped(Math.max(...rates))}/s), default policy, ${Math.round(cappedShare * 100)}% of the events of capped types`,
    },
  ];
};
