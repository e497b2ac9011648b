import { scoringPolicySchema } from '@triage/core';
import { z } from 'zod';

export const policyInputSchema = z.strictObject({
  policy: scoringPolicySchema,
  note: z.string().trim().max(500).optional(),
});
export type PolicyInput = z.infer<typeof policyInputSchema>;

export const policyViewSchema = z.object({
  version: z.number().int(),
  policy: scoringPolicySchema,
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

export const policyUpdateResultSchema = policyViewSchema.extend({ rescoredLeads: z.number().int() });
