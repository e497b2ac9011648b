import type { EngagementPolicy } from '../policy/scoring-policy';

export const HEAT_TIERS = ['cold', 'warm', 'hot', 'on_fire'] as const;
export type HeatTier = (typeof HEAT_TIERS)[number];

export const HEAT_TIER_LABELS: Record<HeatTier, string> = {
  cold: 'Cold',
  warm: 'Warm',
  hot: 'Hot',
  on_fire: 'On fire',
};

/** The band a decayed engagement value falls in; each threshold belongs to the tier it opens. */
export const heatTier = (value: number, tiers: EngagementPolicy['heatTiers']): HeatTier => {
  if (value >= tiers.onFire) return 'on_fire';
  if (value >= tiers.hot) return 'hot';
  if (value >= tiers.warm) return 'warm';
  return 'cold';
};
