import { z } from 'zod';

export const criterionStatusSchema = z.enum(['unknown', 'met', 'partial', 'not_met']);
export const levelSchema = z.enum(['organization', 'opportunity', 'stakeholder']);

export const frameworkParams = z.object({
  id: z.uuid(),
  framework: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a framework key such as bant'),
});

export const assessmentInputSchema = z.strictObject({
  criteria: z.record(
    z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a criterion key'),
    z.strictObject({
      status: criterionStatusSchema,
      evidence: z.string().trim().max(2000).optional(),
      source: z.enum(['rep', 'extracted']).default('rep'),
      confidence: z.number().min(0).max(1).optional(),
    }),
  ),
});
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

export const assessmentViewSchema = z.object({
  leadId: z.uuid(),
  framework: z.string(),
  version: z.number().int(),
  name: z.string(),
  result: z.enum(['pass', 'fail', 'undecided']),
  failingLevel: levelSchema.nullable(),
  missing: z.array(z.string()),
  completeness: z.number(),
  explanation: z.array(z.string()),
  passRule: z.record(z.string(), z.unknown()),
  nextQuestions: z.array(
    z.object({
      criterion: z.string(),
      label: z.string(),
      level: levelSchema,
      questions: z.array(z.string()),
    }),
  ),
  criteria: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      description: z.string(),
      level: levelSchema,
      weight: z.number(),
      status: criterionStatusSchema,
      evidence: z.string().nullable(),
      source: z.enum(['rep', 'extracted']).nullable(),
      confidence: z.number().nullable(),
      questions: z.array(z.string()),
    }),
  ),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type AssessmentView = z.infer<typeof assessmentViewSchema>;

export const frameworkSummarySchema = z.object({
  key: z.string(),
  /** One of the workspace's own frameworks (policy.frameworks.custom) rather than a built-in one. */
  custom: z.boolean(),
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  passRule: z.record(z.string(), z.unknown()),
  criteria: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      level: levelSchema,
      weight: z.number(),
      questions: z.array(z.string()),
    }),
  ),
});
export const frameworkListSchema = z.object({ items: z.array(frameworkSummarySchema) });
export type FrameworkList = z.infer<typeof frameworkListSchema>;
