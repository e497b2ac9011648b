import { z } from 'zod';
import { heatTierSchema, isoDateTime } from './common.schemas';
import { leadMergedDataSchema } from './duplicates.schemas';
import {
  leadEscalatedDataSchema,
  leadGoneQuietDataSchema,
  leadSlaBreachedDataSchema,
} from './follow-up.schemas';

/** What an endpoint can subscribe to. `webhook.ping` is only ever sent by the test route. */
export const WEBHOOK_EVENT_TYPES = [
  'lead.created',
  'lead.stage_changed',
  'lead.heat_tier_changed',
  'model.activated',
  'lead.merged',
  'lead.sla_breached',
  'lead.escalated',
  'lead.gone_quiet',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES, {
  error: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
});
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
export type SentWebhookEventType = WebhookEventType | 'webhook.ping';

/** The envelope version: a change that could break a receiver's parser gets a new number. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'is longer than 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'must not carry a user name or password (the signature authenticates the sender)');

const eventListSchema = z
  .array(webhookEventTypeSchema)
  .min(1, 'name at least one event type')
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, 'names an event type twice');

const descriptionSchema = z.string().trim().max(500, 'is longer than 500 characters');

export const newWebhookInputSchema = z.strictObject({
  url: webhookUrlSchema,
  events: eventListSchema,
  description: descriptionSchema.optional(),
  /** Starts paused when false. */
  active: z.boolean().optional(),
});
export type NewWebhookInput = z.infer<typeof newWebhookInputSchema>;

export const webhookPatchSchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  events: eventListSchema.optional(),
  description: descriptionSchema.nullable().optional(),
  /** false pauses the endpoint (events that happen meanwhile are not queued for it); true resumes it. */
  active: z.boolean().optional(),
});
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookSchema) });
export type WebhookList = z.infer<typeof webhookListSchema>;

/** The only answers that carry the signing secret (creation and rotation): store it now. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: isoDateTime,
  durationMs: z.number().int(),
  /** The receiver's HTTP status; null when no response came (timeout, refused connection, DNS). */
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  /** The first characters of the receiver's answer. */
  responseExcerpt: z.string().nullable(),
  /** When the next attempt is due; null when this one delivered or was the last. */
  nextRetryAt: isoDateTime.nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  /** Sent as `X-Triage-Delivery`: the same on every retry, so a receiver can drop what it has seen. */
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.array(webhookAttemptSchema),
  nextAttemptAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ items: z.array(webhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;

export const webhookDeliveryListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
});

const actorSchema = z.object({ kind: z.string(), id: z.string().nullable() });

export const leadCreatedDataSchema = z.object({
  lead: z.object({
    id: z.uuid(),
    email: z.string(),
    stage: z.string(),
    source: z.string().nullable(),
    accountId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    fitScore: z.number(),
    fitKnockedOut: z.boolean(),
    createdAt: isoDateTime,
  }),
  actor: actorSchema,
});

export const leadStageChangedDataSchema = z.object({
  leadId: z.uuid(),
  transitionId: z.uuid(),
  from: z.string(),
  to: z.string(),
  /** The stage rule that moved the lead; null when a person (or an integration) moved it. */
  rule: z.string().nullable(),
  /** The disqualification reason, with `disqualified` and `closed_lost`. */
  reason: z.string().nullable(),
  why: z.string().nullable(),
  note: z.string().nullable(),
  actor: actorSchema,
  at: isoDateTime,
});

export const leadHeatTierChangedDataSchema = z.object({
  leadId: z.uuid(),
  from: heatTierSchema,
  to: heatTierSchema,
  /** The decayed engagement score after the events that moved the lead. */
  engagement: z.number(),
  at: isoDateTime,
});

export const modelActivatedDataSchema = z.object({
  model: z.object({
    id: z.uuid(),
    version: z.number().int(),
    trainingRows: z.number().int().nullable(),
    rocAuc: z.number().nullable(),
    activatedAt: isoDateTime,
  }),
});

export const webhookPingDataSchema = z.object({ webhookId: z.uuid(), message: z.string() });

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    id: z.uuid(),
    type: z.literal(type),
    version: z.literal(WEBHOOK_PAYLOAD_VERSION),
    createdAt: isoDateTime,
    tenantId: z.uuid(),
    data,
  });

/** What a receiver gets in the POST body; `id` is the event's, the same for every endpoint it goes to. */
export const webhookPayloadSchema = z.discriminatedUnion('type', [
  envelope('lead.created', leadCreatedDataSchema),
  envelope('lead.stage_changed', leadStageChangedDataSchema),
  envelope('lead.heat_tier_changed', leadHeatTierChangedDataSchema),
  envelope('model.activated', modelActivatedDataSchema),
  envelope('lead.merged', leadMergedDataSchema),
  envelope('lead.sla_breached', leadSlaBreachedDataSchema),
  envelope('lead.escalated', leadEscalatedDataSchema),
  envelope('lead.gone_quiet', leadGoneQuietDataSchema),
  envelope('webhook.ping', webhookPingDataSchema),
]);
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
export type WebhookPayloadData<T extends SentWebhookEventType> = Extract<WebhookPayload, { type: T }>['data'];
