import { type EngagementPolicy, type HeatTier, orderingKeyBound } from '@triage/core';

/**
 * A heat tier is a band of decayed engagement now: value·2^(−(now−asOf)/h) ≥ T  ⇔  hot_key ≥ log2(T) + now/h.
 * So a tier filter is a range on the stored, time-invariant ordering key and uses its index.
 */
export function heatKeyBounds(
  tier: HeatTier,
  policy: EngagementPolicy,
  now: number,
): { minHotKey?: number; maxHotKey?: number; coldIncludesUnscored?: boolean } {
  const key = (threshold: number) => orderingKeyBound(threshold, now, policy);
  const { warm, hot, onFire } = policy.heatTiers;
  switch (tier) {
    case 'cold':
      return { maxHotKey: key(warm), coldIncludesUnscored: true };
    case 'warm':
      return { minHotKey: key(warm), maxHotKey: key(hot) };
    case 'hot':
      return { minHotKey: key(hot), maxHotKey: key(onFire) };
    case 'on_fire':
      return { minHotKey: key(onFire) };
  }
}
