import { z } from 'zod';
import { assessmentViewSchema } from './assessments.schemas';
import { isoDateTime } from './common.schemas';

const span = z.tuple([z.number().int(), z.number().int()]);

const evidenceSchema = z.object({
  concept: z.string(),
  status: z.enum(['met', 'partial', 'not_met']),
  text: z.string(),
  span,
  focus: span,
  value: z.record(z.string(), z.unknown()).optional(),
  confidence: z.number(),
  reason: z.string(),
  speaker: z.enum(['rep', 'prospect', 'unknown']),
  turn: z.number().int().nullable(),
});

const signalSchema = z.object({
  kind: z.string(),
  span,
  text: z.string(),
  related: z.array(span),
  reason: z.string(),
  confidence: z.number(),
});

/** What the analyzer read in a note: every item carries character spans into the note's text. */
export const conversationAnalysisSchema = z.object({
  referenceDate: z.string(),
  evidence: z.array(evidenceSchema),
  concepts: z.record(z.string(), z.object({ status: z.string(), confidence: z.number() })),
  criteria: z
    .array(
      z.object({
        criterion: z.string(),
        label: z.string(),
        status: z.string(),
        evidence: z.array(evidenceSchema),
        confidence: z.number(),
      }),
    )
    .optional(),
  redFlags: z.array(signalSchema),
  goodSigns: z.array(signalSchema),
  questions: z.array(
    z.object({
      text: z.string(),
      span,
      kind: z.enum(['open', 'closed']),
      reason: z.string(),
      suggestion: z.string().optional(),
      turn: z.number().int().nullable(),
    }),
  ),
  talkRatio: z
    .object({ rep: z.number(), prospect: z.number(), repWords: z.number(), prospectWords: z.number() })
    .nullable(),
  turns: z.array(
    z.object({
      index: z.number().int(),
      speaker: z.string(),
      role: z.enum(['rep', 'prospect']),
      span,
      contentSpan: span,
      words: z.number().int(),
    }),
  ),
  roles: z.array(z.object({ role: z.string(), span })),
});
export type ConversationAnalysisView = z.infer<typeof conversationAnalysisSchema>;

export const noteInputSchema = z.strictObject({
  text: z.string().trim().min(1).max(50_000),
  /** The call date, so "next quarter" resolves; defaults to today. */
  referenceDate: z.iso.date('must be a date such as 2026-11-22').optional(),
  framework: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a framework key such as bant')
    .optional(),
  speakerMap: z.record(z.string().min(1).max(60), z.enum(['rep', 'prospect'])).optional(),
  /** Apply the extracted evidence to the lead's assessment at once (never over what a rep set). */
  apply: z.boolean().default(false),
});
export type NoteInput = z.infer<typeof noteInputSchema>;

export const noteSchema = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  text: z.string(),
  referenceDate: z.string(),
  framework: z.string(),
  createdAt: isoDateTime,
  createdBy: z.string().nullable(),
  analysis: conversationAnalysisSchema,
});
export type Note = z.infer<typeof noteSchema>;

export const noteResultSchema = z.object({
  note: noteSchema,
  applied: z.object({ criteria: z.array(z.string()), keptFromRep: z.array(z.string()) }).nullable(),
  assessment: assessmentViewSchema.nullable(),
});
export const noteListSchema = z.object({ items: z.array(noteSchema) });

export const noteParams = z.object({ id: z.uuid(), noteId: z.uuid() });
export const applyNoteInputSchema = z.strictObject({
  /** The criteria the rep accepted; all extracted criteria when omitted. */
  criteria: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)).optional(),
});
