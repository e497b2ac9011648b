import {
  DUPLICATE_SIGNALS,
  DUPLICATE_VERDICTS,
  FIELD_MATCHES,
  MERGE_FIELDS,
  MERGE_SIDES,
} from '@triage/core';
import { z } from 'zod';
import { errorSchema, isoDateTime } from './common.schemas';
import { leadSchema, stageSchema } from './leads.schemas';

export const duplicateVerdictSchema = z.enum(DUPLICATE_VERDICTS);

export const duplicateReasonSchema = z.object({
  signal: z.enum(DUPLICATE_SIGNALS),
  match: z.enum(FIELD_MATCHES).nullable(),
  /** Log-odds points: positive is evidence for one person, negative against. */
  points: z.number(),
  text: z.string(),
});

/** Enough of the other lead to recognise it in a list. */
export const duplicateLeadSummarySchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  accountId: z.uuid().nullable(),
  stage: stageSchema,
  createdAt: isoDateTime,
});

export const duplicateCandidateSchema = z.object({
  lead: duplicateLeadSummarySchema,
  score: z.number().min(0).max(1),
  verdict: duplicateVerdictSchema,
  reasons: z.array(duplicateReasonSchema),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const leadDuplicatesSchema = z.object({
  leadId: z.uuid(),
  /** Likely first, then possible; each group by score. Unlikely pairs are not listed. */
  items: z.array(duplicateCandidateSchema),
  thresholds: z.object({ likely: z.number(), possible: z.number() }),
  /** How many leads the indexes offered for scoring. */
  candidatesScored: z.number().int(),
});
export type LeadDuplicates = z.infer<typeof leadDuplicatesSchema>;

export const leadDuplicatesQuery = z.strictObject({
  /** `possible` (default) lists likely and possible duplicates; `likely` only the likely ones. */
  min: z.enum(['likely', 'possible']).default('possible'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const mergeSideSchema = z.enum(MERGE_SIDES, { error: `must be one of ${MERGE_SIDES.join(', ')}` });

export const mergeInputSchema = z.strictObject({
  /** The lead that is folded into the one in the path and then answers 404 with `mergedInto`. */
  duplicateId: z.uuid(),
  /** Per field, whose value the survivor keeps; by default the survivor's unless it is empty there. */
  fields: z
    .strictObject(
      Object.fromEntries(MERGE_FIELDS.map((field) => [field, mergeSideSchema.optional()])) as {
        [K in (typeof MERGE_FIELDS)[number]]: z.ZodOptional<typeof mergeSideSchema>;
      },
    )
    .optional(),
  /** Merge two customers that belong to different accounts (refused with 409 without it). */
  force: z.boolean().optional(),
});
export type MergeInput = z.infer<typeof mergeInputSchema>;

export const mergeChangeSchema = z.object({
  field: z.enum(MERGE_FIELDS),
  from: z.unknown(),
  to: z.unknown(),
  why: z.string(),
});

export const mergeResultSchema = z.object({
  lead: leadSchema,
  merged: z.object({ id: z.uuid(), email: z.string() }),
  /** The survivor's fields that changed, with why. */
  changes: z.array(mergeChangeSchema),
  /** What moved from the duplicate to the survivor. */
  moved: z.object({
    events: z.number().int(),
    transitions: z.number().int(),
    notes: z.number().int(),
    /** A rep's logged calls, emails, meetings and messages (follow-up touches); 0 on merges recorded before them. */
    touches: z.number().int().default(0),
    assessments: z.number().int(),
  }),
  /** Per framework both leads had: the criteria taken from the duplicate (the survivor's were unknown). */
  assessments: z.array(z.object({ framework: z.string(), takenFromDuplicate: z.array(z.string()) })),
  /** The survivor's engagement before and after: the replay of both ledgers together, decayed to now. */
  engagement: z.object({ before: z.number(), after: z.number() }),
  mergedAt: isoDateTime,
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const leadMergeRecordSchema = z.object({
  mergedLeadId: z.uuid(),
  mergedEmail: z.string(),
  /** The lead the duplicate was merged into at the time (the path's lead, or one merged into it since). */
  survivorId: z.uuid(),
  changes: z.array(mergeChangeSchema),
  moved: mergeResultSchema.shape.moved,
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  mergedAt: isoDateTime,
});
export const leadMergeListSchema = z.object({ items: z.array(leadMergeRecordSchema) });
export type LeadMergeList = z.infer<typeof leadMergeListSchema>;

/** A 404 for a lead that was merged: `mergedInto` names the lead that holds its history now. */
export const mergedLeadErrorSchema = errorSchema.extend({ mergedInto: z.uuid().optional() });

/** The answer to a capture: the lead, and the likely duplicates it may have among existing leads. */
export const createdLeadSchema = leadSchema.extend({
  possibleDuplicates: z
    .array(z.object({ id: z.uuid(), score: z.number(), verdict: duplicateVerdictSchema }))
    .optional(),
});

export const leadMergedDataSchema = z.object({
  leadId: z.uuid(),
  mergedLeadId: z.uuid(),
  mergedEmail: z.string(),
  changes: z.array(mergeChangeSchema),
  moved: mergeResultSchema.shape.moved,
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  at: isoDateTime,
});
