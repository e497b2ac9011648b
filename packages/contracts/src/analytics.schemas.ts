import { z } from 'zod';

export const funnelQuery = z
  .object({
    from: z.iso.date('must be a date such as 2026-01-31').optional(),
    to: z.iso.date('must be a date such as 2026-12-31').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const funnelSchema = z.object({
  from: z.string(),
  to: z.string(),
  stages: z.array(z.object({ stage: z.string(), current: z.number().int(), entered: z.number().int() })),
  conversions: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      entered: z.number().int(),
      converted: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  timeInStage: z.array(
    z.object({ stage: z.string(), medianHours: z.number().nullable(), samples: z.number().int() }),
  ),
  disqualificationReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type Funnel = z.infer<typeof funnelSchema>;

export const CONVERSION_DIMENSIONS = ['source', 'fit_band', 'heat_band'] as const;
export const conversionQuery = z.object({ by: z.enum(CONVERSION_DIMENSIONS).default('source') });

/** Per group: how many leads, how many reached SQL or later, how many became customers. */
export const conversionSchema = z.object({
  by: z.enum(CONVERSION_DIMENSIONS),
  groups: z.array(
    z.object({
      key: z.string(),
      leads: z.number().int(),
      qualified: z.number().int(),
      customers: z.number().int(),
      disqualified: z.number().int(),
      qualifiedRate: z.number().nullable(),
      customerRate: z.number().nullable(),
    }),
  ),
});
export type Conversion = z.infer<typeof conversionSchema>;

export const speedToLeadSchema = z.object({
  /** Hand-raisers that were contacted, by how long the first contact took. */
  buckets: z.array(
    z.object({ label: z.string(), maxMinutes: z.number().nullable(), count: z.number().int() }),
  ),
  contacted: z.number().int(),
  medianMinutes: z.number().nullable(),
  /** Hand-raisers nobody has contacted yet, and the oldest wait among them. */
  open: z.number().int(),
  oldestOpenMinutes: z.number().nullable(),
});
export type SpeedToLead = z.infer<typeof speedToLeadSchema>;

const icpRuleSuggestionSchema = z.record(z.string(), z.unknown());

export const icpInsightsSchema = z.object({
  leads: z.number().int(),
  /** Leads that became customers. */
  won: z.number().int(),
  baseRate: z.number(),
  /** False when there are too few customers to say anything; `reason` says what is missing. */
  enough: z.boolean(),
  reason: z.string().optional(),
  insights: z.array(
    z.object({
      subject: z.enum(['account', 'contact']),
      field: z.string(),
      label: z.string(),
      leads: z.number().int(),
      won: z.number().int(),
      rate: z.number(),
      low: z.number(),
      high: z.number(),
      lift: z.number(),
      verdict: z.enum(['over', 'under']),
      /** An ICP rule (as in the policy) that would score this value by its lift. */
      rule: icpRuleSuggestionSchema,
    }),
  ),
});
export type IcpInsightsView = z.infer<typeof icpInsightsSchema>;
