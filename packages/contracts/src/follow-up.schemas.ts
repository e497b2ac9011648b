import { CLOCK_STATES, FOLLOW_UP_URGENCIES, NEXT_ACTION_KINDS, STAGES } from '@triage/core';
import { z } from 'zod';
import { cursorPageQuery, isoDateTime } from './common.schemas';
import { leadSchema } from './leads.schemas';

const minutes = z.number().int();

export const speedToLeadClockSchema = z.object({
  /** pending | overdue | escalated (still waiting) · met | late (contacted) · stopped (left the stages, no contact) */
  state: z.enum(CLOCK_STATES),
  /** The first hand-raise: the clock starts here. */
  startedAt: isoDateTime,
  /** The hand-raiser event type that started it, e.g. "demo_request"; null if the ledger does not say. */
  trigger: z.string().nullable(),
  targetMinutes: minutes,
  dueAt: isoDateTime,
  /** Null when the policy never escalates. */
  escalatesAt: isoDateTime.nullable(),
  contactedAt: isoDateTime.nullable(),
  /** Business minutes from the hand-raise to the contact, or to now while nobody has called. */
  elapsedMinutes: minutes,
  minutesLeft: minutes.nullable(),
  overdueMinutes: minutes.nullable(),
  why: z.string(),
});
export type SpeedToLeadClockView = z.infer<typeof speedToLeadClockSchema>;

export const goneQuietSchema = z.object({
  quiet: z.boolean(),
  /** The last activity (the lead's events, a touch, a note, a stage change). */
  since: isoDateTime,
  days: z.number().int(),
  afterDays: z.number().int(),
  /** Quiet past the policy's give-up limit: nurture or let go rather than chase. */
  giveUp: z.boolean(),
  why: z.string(),
});

export const nextActionSchema = z.object({
  kind: z.enum(NEXT_ACTION_KINDS),
  label: z.string(),
  why: z.string(),
  /** Act by then (a pending clock's due time); null when it is already late or has no deadline. */
  by: isoDateTime.nullable(),
});

export const followUpStatusSchema = z.object({
  /** escalated > overdue > due > gone_quiet > long_quiet > none */
  urgency: z.enum(FOLLOW_UP_URGENCIES),
  /** Null when the lead never raised a hand. */
  clock: speedToLeadClockSchema.nullable(),
  /** Null when the lead's stage is not watched for silence. */
  quiet: goneQuietSchema.nullable(),
  nextAction: nextActionSchema.nullable(),
  /** Whether the workspace's business hours are open now. */
  openNow: z.boolean(),
});
export type FollowUpStatusView = z.infer<typeof followUpStatusSchema>;

/**
 * Queue filters: `speed_to_lead` is every waiting hand-raiser (escalated, overdue and due), `overdue` includes the
 * escalated ones, `gone_quiet` includes the long-quiet ones.
 */
export const FOLLOW_UP_QUEUE_KINDS = ['speed_to_lead', 'escalated', 'overdue', 'due', 'gone_quiet'] as const;
export type FollowUpQueueKind = (typeof FOLLOW_UP_QUEUE_KINDS)[number];

export const followUpQueueQuery = z.object({
  kind: z
    .enum(FOLLOW_UP_QUEUE_KINDS, { error: `must be one of ${FOLLOW_UP_QUEUE_KINDS.join(', ')}` })
    .optional(),
  ownerId: z.uuid('must be a user id').optional(),
  ...cursorPageQuery,
});
export type FollowUpQueueQuery = z.infer<typeof followUpQueueQuery>;

export const followUpCountsSchema = z.object({
  escalated: z.number().int(),
  /** Overdue and not (yet) escalated. */
  overdue: z.number().int(),
  due: z.number().int(),
  goneQuiet: z.number().int(),
  longQuiet: z.number().int(),
});

/** What GET /v1/leads/{id} answers: the lead and where it stands on follow-up. */
export const leadWithFollowUpSchema = leadSchema.extend({ followUp: followUpStatusSchema });
export type LeadWithFollowUp = z.infer<typeof leadWithFollowUpSchema>;

export const followUpQueueItemSchema = z.object({ lead: leadSchema, followUp: followUpStatusSchema });
export type FollowUpQueueItem = z.infer<typeof followUpQueueItemSchema>;

export const followUpQueueSchema = z.object({
  /** Most urgent first: escalated, overdue, due (longest wait first), then gone quiet, then long quiet. */
  items: z.array(followUpQueueItemSchema),
  nextCursor: z.string().nullable(),
  /**
   * How many leads of each kind the whole queue holds (with the owner filter, without the kind filter); on the first
   * page only (null when a cursor is given).
   */
  counts: followUpCountsSchema.nullable(),
  asOf: isoDateTime,
});
export type FollowUpQueue = z.infer<typeof followUpQueueSchema>;

export const TOUCH_KINDS = ['call', 'email', 'meeting', 'linkedin'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const touchInputSchema = z.strictObject({
  kind: z.enum(TOUCH_KINDS, { error: `must be one of ${TOUCH_KINDS.join(', ')}` }),
  /** When it happened; now if left out. At most 5 minutes in the future (clock skew). */
  at: isoDateTime.optional(),
  note: z.string().trim().min(1, 'must not be empty').max(2000, 'is longer than 2000 characters').optional(),
});
export type TouchInput = z.infer<typeof touchInputSchema>;

export const touchSchema = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  kind: z.enum(TOUCH_KINDS),
  at: isoDateTime,
  note: z.string().nullable(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  createdAt: isoDateTime,
});
export type Touch = z.infer<typeof touchSchema>;

export const touchListSchema = z.object({ items: z.array(touchSchema) });
export const touchResultSchema = z.object({ touch: touchSchema, followUp: followUpStatusSchema });
export type TouchResult = z.infer<typeof touchResultSchema>;

const stage = z.enum(STAGES);

const clockEventData = {
  leadId: z.uuid(),
  ownerId: z.uuid().nullable(),
  stage,
  trigger: z.string().nullable(),
  handRaisedAt: isoDateTime,
  dueAt: isoDateTime,
  targetMinutes: minutes,
  /** Business minutes past due when the sweep noticed. */
  overdueMinutes: minutes,
  why: z.string(),
  at: isoDateTime,
};

/** The hand-raiser was not contacted within the target; once per hand-raise. */
export const leadSlaBreachedDataSchema = z.object(clockEventData);

/** Still not contacted `escalateAfterMinutes` past due; once per hand-raise. */
export const leadEscalatedDataSchema = z.object({ ...clockEventData, escalateAfterMinutes: minutes });

/** A lead in a working stage had no activity for `afterDays`; once per silence (activity starts a new one). */
export const leadGoneQuietDataSchema = z.object({
  leadId: z.uuid(),
  ownerId: z.uuid().nullable(),
  stage,
  lastActivityAt: isoDateTime,
  quietDays: z.number().int(),
  afterDays: z.number().int(),
  nextAction: nextActionSchema.pick({ kind: true, label: true, why: true }),
  at: isoDateTime,
});
