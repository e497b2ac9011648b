import { z } from 'zod';
import { isoDateTime } from './common.schemas';

/** Metrics are null when the holdout cannot define them (e.g. a single outcome in it). */
const metric = z.number().nullable();

export const classificationMetricsSchema = z.object({
  rows: z.number().int(),
  positives: z.number().int(),
  rocAuc: metric,
  prAuc: metric,
  logLoss: metric,
  brierScore: metric,
  topDecileLift: metric,
  baseRateLogLoss: metric,
});

export const reliabilityBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int(),
  meanPredicted: metric,
  observedRate: metric,
});

/** Held-out leads ranked by score and cut in ten equal bands, best first. */
export const liftBandSchema = z.object({
  band: z.number().int(),
  minScore: z.number(),
  maxScore: z.number(),
  leads: z.number().int(),
  won: z.number().int(),
  rate: metric,
  lift: metric,
  cumulativeLift: metric,
});

export const modelMetricsSchema = z.object({
  /** Trained on the oldest outcomes, measured on the most recent ones. */
  holdout: z.object({
    scheme: z.literal('latest-holdout'),
    trainRows: z.number().int(),
    rows: z.number().int(),
  }),
  model: classificationMetricsSchema,
  naiveBayes: classificationMetricsSchema,
  reliability: z.array(reliabilityBinSchema),
  lift: z.array(liftBandSchema),
  learner: z.string(),
  reason: z.string(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

export const MODEL_STATUSES = ['training', 'ready', 'failed'] as const;

export const modelFeatureSchema = z.object({ name: z.string(), label: z.string(), kind: z.string() });

export const modelSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(MODEL_STATUSES),
  active: z.boolean(),
  trigger: z.string(),
  metrics: modelMetricsSchema.nullable(),
  trainingRows: z.number().int().nullable(),
  won: z.number().int().nullable(),
  lost: z.number().int().nullable(),
  features: z.array(modelFeatureSchema),
  /** Fields offered but not used, and why (leakage guard, no variation, settings). */
  excludedFields: z.array(z.object({ name: z.string(), reason: z.string() })),
  dataCutoff: isoDateTime,
  error: z.string().nullable(),
  createdAt: isoDateTime,
  trainedAt: isoDateTime.nullable(),
  activatedAt: isoDateTime.nullable(),
});
export type PredictiveModel = z.infer<typeof modelSchema>;

export const modelListSchema = z.object({ items: z.array(modelSchema) });
export type PredictiveModelList = z.infer<typeof modelListSchema>;

export const trainResultSchema = z.object({ modelId: z.uuid(), status: z.enum(MODEL_STATUSES) });
export type TrainResult = z.infer<typeof trainResultSchema>;

export const activateResultSchema = z.object({ model: modelSchema, rescored: z.number().int() });

const fieldName = z.string().trim().min(1).max(200);
export const predictiveSettingsSchema = z.object({
  /** Only these fields (null = every available field). */
  fields: z.array(fieldName).max(500).nullable(),
  /** Never these fields. */
  excluded: z.array(fieldName).max(500),
  /** Whether the weekly schedule retrains this workspace. */
  scheduled: z.boolean(),
});
export type PredictiveSettings = z.infer<typeof predictiveSettingsSchema>;
export const predictiveSettingsPatchSchema = predictiveSettingsSchema.partial().strict();

export const PREDICTIVE_STATUSES = ['model', 'cold_start'] as const;

/** The predictive part of GET /v1/leads/{id}/score. */
export const leadPredictiveSchema = z.object({
  status: z.enum(PREDICTIVE_STATUSES),
  /** P(convert), only from a trained model; null in cold start. */
  probability: z.number().nullable(),
  /** 0–100: the probability in percent, or the fit + engagement blend in cold start. */
  score: z.number(),
  modelVersion: z.number().int().nullable(),
  explanation: z.string(),
  /** The largest raising then lowering factors, in points of the 0–100 score. */
  contributions: z.array(z.object({ label: z.string(), points: z.number() })),
});
export type LeadPredictive = z.infer<typeof leadPredictiveSchema>;

/** GET /v1/analytics/model: the active model's held-out reliability curve and lift by score band. */
export const modelAnalyticsSchema = z.object({
  active: z.boolean(),
  modelId: z.uuid().nullable(),
  modelVersion: z.number().int().nullable(),
  trainedAt: isoDateTime.nullable(),
  metrics: classificationMetricsSchema.nullable(),
  naiveBayes: classificationMetricsSchema.nullable(),
  reliability: z.array(reliabilityBinSchema),
  lift: z.array(liftBandSchema),
  /** Open leads per predicted-score band (0–10, 10–20, …) right now. */
  openLeadsByBand: z.array(z.object({ from: z.number(), to: z.number(), leads: z.number().int() })),
});
export type ModelAnalytics = z.infer<typeof modelAnalyticsSchema>;
