import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { days } from '../units';
import { engagementAt, recomputeEngagement } from './engagement';
import { explainEngagement } from './explain-engagement';

const policy = DEFAULT_POLICY.engagement;
const T0 = Date.UTC(2025, 4, 5, 9);
const events = [
  ...Array.from({ length: 25 }, (_, i) => ({ id: `pv${i}`, type: 'page_view', occurredAt: T0 + i * 60_000 })),
  { id: 'd1', type: 'demo_request', occurredAt: T0 + days(1) },
  { id: 'w1', type: 'webinar_attended', occurredAt: T0 - days(14) },
  { id: 'x1', type: 'podcast_listen', occurredAt: T0 },
  { id: 'u1', type: 'unsubscribe', occurredAt: T0 - days(28) },
];

describe('explainEngagement', () => {
  const now = T0 + days(1);
  const explanation = explainEngagement(events, policy, now);

  it('lists each event type with its count and decayed points, biggest contributor first', () => {
    expect(explanation.lines.map((l) => [l.type, l.count])).toEqual([
      ['demo_request', 1],
      ['page_view', 25],
      ['webinar_attended', 1],
      ['podcast_listen', 1],
      ['unsubscribe', 1],
    ]);
    expect(explanation.lines[0]).toMatchObject({
      label: 'Demo requests',
      points: 40,
      capped: false,
      lastAt: now,
    });
  });

  it('flags a type whose window went over its cap', () => {
    const views = explanation.lines.find((l) => l.type === 'page_view');
    expect(views?.capped).toBe(true);
    // 25 views in one day count as the 10-point cap, one day old.
    expect(views?.points).toBeCloseTo(10 * 2 ** (-1 / 14), 1);
  });

  it('lists event types the policy does not know, with no points', () => {
    expect(explanation.lines.find((l) => l.type === 'podcast_listen')).toMatchObject({
      label: 'Podcast listen',
      points: 0,
      scored: false,
    });
  });

  it('adds up to the same value as the score, with its heat tier', () => {
    const { state } = recomputeEngagement(events, policy, { asOf: now });
    expect(explanation.value).toBeCloseTo(engagementAt(state, now, policy), 9);
    expect(explanation.tier).toBe('hot');
  });

  it('explains a past instant from the events that had happened by then', () => {
    const before = explainEngagement(events, policy, T0 + days(0.5));
    expect(before.lines.map((l) => l.type)).not.toContain('demo_request');
    expect(before.tier).toBe('cold');
  });
});
