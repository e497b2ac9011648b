export {
  capBucketsFromLedger,
  cappedTypes,
  capWindowRanges,
  type LeadEvent,
  type TimeRange,
} from './cap-windows';
export {
  applyEngagementEvents,
  bucketKeyOf,
  type CapBucket,
  capScale,
  decayFactor,
  EMPTY_ENGAGEMENT,
  type EngagementEvent,
  type EngagementState,
  engagementAt,
  eventTypePolicy,
  eventWeight,
  halfLifeMs,
  orderingKey,
  orderingKeyBound,
  recomputeEngagement,
} from './engagement';
export { type EngagementExplanation, type EngagementLine, explainEngagement } from './explain-engagement';
export {
  type AccountAttributes,
  type ContactAttributes,
  type CustomAttributes,
  computeFit,
  type FitLine,
  type FitResult,
  type FitSubject,
} from './fit-score';
export { HEAT_TIER_LABELS, HEAT_TIERS, type HeatTier, heatTier } from './heat-tier';
export {
  type AttributeValueCount,
  type IcpInsight,
  type IcpInsights,
  icpInsights,
  MIN_CUSTOMERS_FOR_INSIGHTS,
  MIN_LEADS_PER_VALUE,
  wilsonInterval,
} from './icp-insights';
export {
  type AttributeScalar,
  type AttributeValue,
  fieldLabel,
  matchIcpRule,
  type RuleMatch,
} from './icp-rule-match';
