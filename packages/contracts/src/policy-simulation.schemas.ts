import { scoringPolicySchema } from '@triage/core';
import { z } from 'zod';
import { isoDateTime } from './common.schemas';

/** The longest period one simulation replays; a longer look back is several runs. */
export const MAX_SIMULATION_DAYS = 366;
/** The period replayed when none is given: the last 90 days. */
export const DEFAULT_SIMULATION_DAYS = 90;

const DAY_MS = 86_400_000;
const isoDate = z.iso.date();

/** A date (2026-01-31, a whole UTC day) or a date-time with an offset. */
const periodBound = z
  .string()
  .refine(
    (value) => isoDate.safeParse(value).success || isoDateTime.safeParse(value).success,
    'must be a date such as 2026-01-31 or a date-time such as 2026-01-31T09:00:00Z',
  );

/**
 * The instant a bound stands for: a date's `from` is the start of that UTC day, a date's `to` the end of it (the
 * day is included); a date-time is taken as given. `to` is exclusive.
 */
export function periodInstant(value: string, bound: 'from' | 'to'): number {
  if (isoDate.safeParse(value).success)
    return Date.parse(`${value}T00:00:00Z`) + (bound === 'to' ? DAY_MS : 0);
  return Date.parse(value);
}

export const policySimulationInputSchema = z.strictObject({
  /** The draft, validated as `PUT /v1/policy` validates a policy; nothing is stored. */
  policy: scoringPolicySchema,
  /** Leads created from this instant on; `to` minus 90 days when left out. */
  from: periodBound.optional(),
  /** Leads created before this instant; now when left out. */
  to: periodBound.optional(),
});
export type PolicySimulationInput = z.infer<typeof policySimulationInputSchema>;

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();

/** Milestones are cumulative (a customer also reached SAL, SQL and opportunity); the four states add up. */
export const leadSetSummarySchema = z.object({
  leads: count,
  outcomes: z.object({
    reachedSal: count,
    reachedSql: count,
    reachedOpportunity: count,
    customers: count,
    disqualified: count,
    nurture: count,
    open: count,
  }),
  rates: z.object({ sal: rate, sql: rate, opportunity: rate, customer: rate }),
});
export type LeadSetSummaryView = z.infer<typeof leadSetSummarySchema>;

export const policyReplaySummarySchema = leadSetSummarySchema.extend({
  byStage: z.object({ mql: count, pql: count, cql: count }),
  byRule: z.object({ fitAndEngagement: count, handRaiser: count }),
  knockedOut: count,
  medianHoursToQualify: z.number().nullable(),
});
export type PolicyReplaySummaryView = z.infer<typeof policyReplaySummarySchema>;

const fitSchema = z.object({
  score: z.number(),
  knockedOut: z.boolean(),
  /** One line per rule that fired, knock-outs first, then by points. */
  lines: z.array(z.object({ ruleId: z.string(), text: z.string(), points: z.number() })),
});

export const simulatedVerdictSchema = z.discriminatedUnion('qualified', [
  z.object({
    qualified: z.literal(true),
    stage: z.enum(['mql', 'pql', 'cql']),
    rule: z.enum(['fit_and_engagement', 'hand_raiser']),
    at: isoDateTime,
    hoursToQualify: z.number(),
    fit: fitSchema,
    /** Decayed engagement at the instant it qualified. */
    engagement: z.number(),
    handRaiser: z.string().optional(),
    why: z.string(),
  }),
  z.object({
    qualified: z.literal(false),
    reason: z.enum([
      'knocked_out',
      'fit_below',
      'engagement_below',
      'fit_and_engagement_below',
      'entered_past_qualification',
    ]),
    fit: fitSchema,
    /** The highest engagement the lead reached at any instant, and when. */
    peakEngagement: z.number(),
    peakAt: isoDateTime.nullable(),
    why: z.string(),
  }),
]);
export type SimulatedVerdict = z.infer<typeof simulatedVerdictSchema>;

export const simulationExampleSchema = z.object({
  leadId: z.uuid(),
  email: z.string(),
  createdAt: isoDateTime,
  /** What really happened: the furthest sales stage reached and where the lead stands now. */
  outcome: z.object({
    furthest: z.enum(['sal', 'sql', 'opportunity', 'customer']).nullable(),
    state: z.enum(['customer', 'disqualified', 'nurture', 'open']),
    stage: z.string(),
  }),
  current: simulatedVerdictSchema,
  draft: simulatedVerdictSchema,
});
export type SimulationExampleView = z.infer<typeof simulationExampleSchema>;

const changedSetSchema = leadSetSummarySchema.extend({ examples: z.array(simulationExampleSchema) });

export const policySimulationSchema = z.object({
  /** What was replayed: the period (leads created from ≤ createdAt < to), the leads and the ledger events. */
  replayed: z.object({
    from: isoDateTime,
    to: isoDateTime,
    leads: count,
    events: count,
    /** Created past the qualifying stages (e.g. imported as customers): neither policy can qualify them. */
    notReplayable: count,
    /** Leads the recorded history shows entering MQL/PQL/CQL, manual moves included, for comparison. */
    recordedQualified: count,
    /** The published policy version the draft is compared with. */
    currentVersion: z.number().int(),
    simulatedAt: isoDateTime,
  }),
  current: policyReplaySummarySchema,
  draft: policyReplaySummarySchema,
  /** Qualified under both policies. */
  both: leadSetSummarySchema,
  /** Qualified under the draft only, with up to five examples (those that went furthest first). */
  gained: changedSetSchema,
  /** Qualified under the current policy only. */
  lost: changedSetSchema,
});
export type PolicySimulationView = z.infer<typeof policySimulationSchema>;
