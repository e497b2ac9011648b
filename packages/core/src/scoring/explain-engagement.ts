import type { EngagementPolicy } from '../policy/scoring-policy';
import {
  bucketKeyOf,
  capScale,
  decayFactor,
  type EngagementEvent,
  eventTypePolicy,
  eventWeight,
} from './engagement';
import { type HeatTier, heatTier } from './heat-tier';

export interface EngagementLine {
  type: string;
  label: string;
  /** Events of this type up to the instant asked about. */
  count: number;
  /** Their decayed contribution at that instant, after caps. */
  points: number;
  /** True when at least one window of this type was over its cap and scaled down. */
  capped: boolean;
  /** The most recent one. */
  lastAt: number;
  /** False for event types the policy does not know: they are listed but weigh nothing. */
  scored: boolean;
}

export interface EngagementExplanation {
  value: number;
  tier: HeatTier;
  /** One line per event type, the biggest contributors first. */
  lines: EngagementLine[];
}

const humanize = (type: string): string => {
  const words = type.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Which events make a lead's heat at instant `at`, per event type. Events after `at` are left out,
 * so this is also the "as of" explanation of a past score. The value equals `engagementAt` of
 * `recomputeEngagement` over the same events.
 */
export const explainEngagement = (
  events: readonly (EngagementEvent & { id?: string })[],
  policy: EngagementPolicy,
  at: number,
): EngagementExplanation => {
  const byType = new Map<
    string,
    {
      count: number;
      lastAt: number;
      uncapped: number;
      windows: Map<number, { raw: number; decayed: number }>;
    }
  >();
  for (const event of events) {
    if (event.occurredAt > at) continue;
    const entry = byType.get(event.type) ?? {
      count: 0,
      lastAt: event.occurredAt,
      uncapped: 0,
      windows: new Map(),
    };
    entry.count += 1;
    entry.lastAt = Math.max(entry.lastAt, event.occurredAt);
    const weight = eventWeight(event.type, policy);
    const contribution = weight * decayFactor(at - event.occurredAt, policy);
    const key = bucketKeyOf(event, policy);
    if (key === null) {
      entry.uncapped += contribution;
    } else {
      const window = entry.windows.get(key.windowStart) ?? { raw: 0, decayed: 0 };
      window.raw += weight;
      window.decayed += contribution;
      entry.windows.set(key.windowStart, window);
    }
    byType.set(event.type, entry);
  }

  const lines: EngagementLine[] = [];
  for (const [type, entry] of byType) {
    let points = entry.uncapped;
    let capped = false;
    for (const window of entry.windows.values()) {
      const scale = capScale(type, window.raw, policy);
      if (scale < 1) capped = true;
      points += scale * window.decayed;
    }
    const known = eventTypePolicy(type, policy);
    lines.push({
      type,
      label: known?.label ?? humanize(type),
      count: entry.count,
      points,
      capped,
      lastAt: entry.lastAt,
      scored: known !== undefined,
    });
  }
  lines.sort((a, b) => b.points - a.points || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

  const value = Math.max(
    0,
    lines.reduce((sum, line) => sum + line.points, 0),
  );
  return { value, tier: heatTier(value, policy.heatTiers), lines };
};
