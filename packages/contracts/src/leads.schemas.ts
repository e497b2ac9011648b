import { DISQUALIFICATION_REASONS, STAGES } from '@triage/core';
import { z } from 'zod';
import { accountInputSchema } from './accounts.schemas';
import { cursorPageQuery, customFieldsSchema, heatTierSchema, isoDateTime } from './common.schemas';
import { leadPredictiveSchema } from './predictive.schemas';

export const stageSchema = z.enum(STAGES);
export const disqualificationReasonSchema = z.enum(DISQUALIFICATION_REASONS);

const text = (max: number) => z.string().trim().min(1).max(max);

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254));

/** Stages a lead may be created in; later stages are reached through transitions. */
export const ENTRY_STAGES = ['subscriber', 'lead', 'mql', 'pql', 'cql'] as const;

export const leadInputSchema = z
  .strictObject({
    email: emailSchema,
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    title: text(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().-]{5,30}$/, 'must be a phone number')
      .optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .optional(),
    source: text(100).optional(),
    ownerId: z.uuid().optional(),
    accountId: z.uuid().optional(),
    /** Creates the account, or links the existing one with the same domain. */
    account: accountInputSchema.optional(),
    stage: z.enum(ENTRY_STAGES).optional(),
    custom: customFieldsSchema.optional(),
  })
  .refine((v) => !(v.accountId && v.account), {
    message: 'give accountId or account, not both',
    path: ['account'],
  });
export type LeadInput = z.infer<typeof leadInputSchema>;

export const leadPatchSchema = z
  .strictObject({
    firstName: text(100).nullable(),
    lastName: text(100).nullable(),
    title: text(200).nullable(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().-]{5,30}$/, 'must be a phone number')
      .nullable(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .nullable(),
    source: text(100).nullable(),
    ownerId: z.uuid().nullable(),
    accountId: z.uuid().nullable(),
    custom: customFieldsSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, {
    message: 'give at least one field to change',
    // An unknown key already says what is wrong; "nothing to change" would only repeat it.
    when: (payload) => payload.issues.length === 0,
  });
export type LeadPatch = z.infer<typeof leadPatchSchema>;

export const leadSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  seniority: z.string().nullable(),
  department: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  source: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  accountId: z.uuid().nullable(),
  company: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  stage: stageSchema,
  stageChangedAt: isoDateTime,
  disqualificationReason: z.string().nullable(),
  fit: z.number(),
  engagement: z.number(),
  heat: heatTierSchema,
  lastActivityAt: isoDateTime.nullable(),
  firstHandRaiseAt: isoDateTime.nullable(),
  firstContactedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Lead = z.infer<typeof leadSchema>;

export const LEAD_SORTS = ['heat', 'fit', 'created'] as const;

export const leadListQuery = z.object({
  stage: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(stageSchema).min(1))
    .optional(),
  heat: heatTierSchema.optional(),
  owner: z.uuid().optional(),
  minFit: z.coerce.number().int().min(0).max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(LEAD_SORTS).default('heat'),
  ...cursorPageQuery,
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

export const leadListSchema = z.object({ items: z.array(leadSchema), nextCursor: z.string().nullable() });
export type LeadList = z.infer<typeof leadListSchema>;

export const hotLeadsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export const scoreLineSchema = z.object({ ruleId: z.string(), text: z.string(), points: z.number() });
export const leadScoreSchema = z.object({
  leadId: z.uuid(),
  policyVersion: z.number().int(),
  fit: z.object({
    score: z.number(),
    knockedOut: z.boolean(),
    lines: z.array(scoreLineSchema),
  }),
  engagement: z.object({
    value: z.number(),
    tier: heatTierSchema,
    halfLifeDays: z.number(),
    asOf: isoDateTime,
    lines: z.array(
      z.object({
        type: z.string(),
        label: z.string(),
        count: z.number(),
        points: z.number(),
        capped: z.boolean(),
      }),
    ),
  }),
  predictive: leadPredictiveSchema,
});
export type LeadScore = z.infer<typeof leadScoreSchema>;

export const transitionInputSchema = z.strictObject({
  to: stageSchema,
  reason: disqualificationReasonSchema.optional(),
  reasonText: z.string().trim().min(1).max(500).optional(),
  note: z.string().trim().min(1).max(2000).optional(),
});
export type TransitionInput = z.infer<typeof transitionInputSchema>;

export const transitionSchema = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  from: stageSchema.nullable(),
  to: stageSchema,
  reason: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  rule: z.string().nullable(),
  why: z.string().nullable(),
  at: isoDateTime,
});
export type Transition = z.infer<typeof transitionSchema>;
export const transitionListSchema = z.object({ items: z.array(transitionSchema) });
export const transitionResultSchema = z.object({ transition: transitionSchema, lead: leadSchema });
