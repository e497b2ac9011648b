import { z } from 'zod';
import { followUpPolicySchema } from '../follow-up/follow-up-policy';
import { isBuiltInFrameworkKey } from '../frameworks/built-in-frameworks';
import { frameworkDefinitionSchema } from '../frameworks/framework-schema';
import type { PassRule } from '../frameworks/framework-types';
import { icpRuleSchema } from './icp-rule';

const positive = (what: string) => z.number().finite().positive(`${what} must be greater than 0`);
const nonNegative = (what: string) => z.number().finite().min(0, `${what} must be 0 or more`);

/** Stages a hand-raiser event can qualify a lead into (see stages/transition-table.ts). */
export const HAND_RAISER_ENTRY_STAGES = ['mql', 'pql', 'cql'] as const;
export type HandRaiserEntryStage = (typeof HAND_RAISER_ENTRY_STAGES)[number];

export const eventTypeSchema = z
  .strictObject({
    /** Engagement points of one event, before decay; negative for signals of disinterest. */
    weight: z.number().finite(),
    /** At most `points` raw weight of this type counts per fixed window of `windowDays`. */
    cap: z
      .strictObject({ points: positive('cap.points'), windowDays: positive('cap.windowDays') })
      .exactOptional(),
    /** The lead asked for sales contact: qualify at once, whatever the scores say. */
    handRaiser: z.boolean().exactOptional(),
    /** Which qualified stage a hand-raiser enters; 'mql' unless set (trial sign-ups are PQLs, site conversions CQLs). */
    entryStage: z.enum(HAND_RAISER_ENTRY_STAGES).exactOptional(),
    label: z.string().min(1).exactOptional(),
  })
  .refine((t) => t.cap === undefined || t.weight > 0, {
    message: 'Only event types with a positive weight can have a cap',
    path: ['cap'],
  })
  .refine((t) => t.entryStage === undefined || t.handRaiser === true, {
    message: 'entryStage only applies to hand-raiser event types (set handRaiser: true)',
    path: ['entryStage'],
  });

export type EventTypePolicy = z.infer<typeof eventTypeSchema>;

export const heatTiersSchema = z
  .strictObject({
    warm: positive('heatTiers.warm'),
    hot: positive('heatTiers.hot'),
    onFire: positive('heatTiers.onFire'),
  })
  .refine((t) => t.warm < t.hot, { message: 'Heat tiers must increase: warm < hot', path: ['hot'] })
  .refine((t) => t.hot < t.onFire, { message: 'Heat tiers must increase: hot < onFire', path: ['onFire'] });

export const engagementPolicySchema = z.strictObject({
  halfLifeDays: positive('halfLifeDays'),
  eventTypes: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'Event type names are snake_case (e.g. "pricing_page_view")'),
    eventTypeSchema,
  ),
  heatTiers: heatTiersSchema,
});

export type EngagementPolicy = z.infer<typeof engagementPolicySchema>;

const required = z.array(z.string().min(1)).exactOptional();

/** Mirrors `PassRule` in frameworks/framework-types.ts. */
export const passRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all'), required }),
  z.strictObject({ kind: z.literal('k_of_n'), k: z.number().int().min(1, 'k must be at least 1'), required }),
  z.strictObject({
    kind: z.literal('weighted'),
    threshold: z
      .number()
      .gt(0, 'threshold must be above 0')
      .max(1, 'threshold is a share of the weight, at most 1'),
    required,
  }),
]);

export const lifecyclePolicySchema = z.strictObject({
  mql: z.strictObject({
    minFit: z.number().min(0, 'minFit must be 0–100').max(100, 'minFit must be 0–100'),
    minEngagement: nonNegative('mql.minEngagement'),
  }),
  recycle: z.strictObject({ minEngagement: positive('recycle.minEngagement') }),
});

export const scoringPolicySchema = z
  .strictObject({
    description: z.string().exactOptional(),
    icp: z.strictObject({ rules: z.array(icpRuleSchema) }),
    engagement: engagementPolicySchema,
    lifecycle: lifecyclePolicySchema,
    frameworks: z.strictObject({
      default: z.string().min(1, 'frameworks.default names a framework key, e.g. "bant"'),
      passRules: z.record(z.string().min(1), passRuleSchema).exactOptional(),
      /**
       * The workspace's own frameworks, held to the same rules as the built-in ones and versioned with the
       * policy: a change is a new policy version, and assessments keep the framework version they were made with.
       */
      custom: z.array(frameworkDefinitionSchema).max(20, 'at most 20 custom frameworks').exactOptional(),
    }),
    /** Speed-to-lead clock, business hours, escalation and gone-quiet rules; defaults for policies stored before it. */
    followUp: followUpPolicySchema.prefault({}),
  })
  .superRefine((policy, ctx) => {
    const customKeys = new Set<string>();
    (policy.frameworks.custom ?? []).forEach((framework, index) => {
      const path = ['frameworks', 'custom', index, 'key'];
      if (isBuiltInFrameworkKey(framework.key))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `"${framework.key}" is a built-in framework; give the custom one another key`,
        });
      else if (customKeys.has(framework.key))
        ctx.addIssue({ code: 'custom', path, message: `Duplicate framework key "${framework.key}"` });
      customKeys.add(framework.key);
    });
    const seen = new Map<string, number>();
    policy.icp.rules.forEach((rule, index) => {
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['icp', 'rules', index, 'id'],
          message: `Duplicate rule id "${rule.id}" (also rule #${first + 1})`,
        });
      } else {
        seen.set(rule.id, index);
      }
    });
  });

/** A workspace's scoring policy: ICP rules, engagement weights and decay, lifecycle thresholds, frameworks. */
export type ScoringPolicy = z.infer<typeof scoringPolicySchema>;

export interface PolicyIssue {
  /** Dotted path to the offending value, e.g. "engagement.heatTiers.hot" or "icp.rules.3.value". */
  path: string;
  message: string;
}

export type ParsedPolicy = { ok: true; policy: ScoringPolicy } | { ok: false; issues: PolicyIssue[] };

/** Validates untrusted input (an API body, a file) and names every problem by its path. */
export const parseScoringPolicy = (input: unknown): ParsedPolicy => {
  const result = scoringPolicySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
};

/** The workspace's override of a framework's own pass rule, if any (e.g. "BANT needs all four here"). */
export const passRuleOverride = (policy: ScoringPolicy, frameworkKey: string): PassRule | undefined =>
  policy.frameworks.passRules?.[frameworkKey];
