import {
  type SentWebhookEventType,
  WEBHOOK_PAYLOAD_VERSION,
  type WebhookPayload,
  type WebhookPayloadData,
} from '@triage/contracts';
import { HEAT_TIERS, type HeatTier } from '@triage/core';
import { toIso } from '../../db/timestamps';
import type { TransitionRow } from '../transitions/transitions.repository';

/** An event on its way into the outbox: its type and data; the envelope is added when it is written. */
export type OutboxEvent<T extends SentWebhookEventType = SentWebhookEventType> =
  T extends SentWebhookEventType ? { type: T; data: WebhookPayloadData<T> } : never;

/** The versioned body every receiver gets, whatever the type. */
export function webhookEnvelope(
  id: string,
  event: OutboxEvent,
  createdAt: Date,
  tenantId: string,
): WebhookPayload {
  return {
    id,
    type: event.type,
    version: WEBHOOK_PAYLOAD_VERSION,
    createdAt: createdAt.toISOString(),
    tenantId,
    data: event.data,
  } as WebhookPayload;
}

/** A move between stages (creation is `lead.created`, not a stage change). */
export function stageChangedEvent(row: TransitionRow): OutboxEvent<'lead.stage_changed'> | undefined {
  if (row.fromStage === null) return undefined;
  return {
    type: 'lead.stage_changed',
    data: {
      leadId: row.leadId,
      transitionId: row.id,
      from: row.fromStage,
      to: row.toStage,
      rule: row.rule,
      reason: row.reason,
      why: row.why,
      note: row.note,
      actor: { kind: row.actorKind, id: row.actorId },
      at: toIso(row.at),
    },
  };
}

export interface CreatedLeadFacts {
  id: string;
  email: string;
  stage: string;
  source: string | null;
  accountId: string | null;
  ownerId: string | null;
  fitScore: number;
  fitKnockedOut: boolean;
  createdAt: Date;
}

export function leadCreatedEvent(
  lead: CreatedLeadFacts,
  actor: { kind: string; id: string | null },
): OutboxEvent<'lead.created'> {
  return {
    type: 'lead.created',
    data: {
      lead: { ...lead, createdAt: lead.createdAt.toISOString() },
      actor: { kind: actor.kind, id: actor.id },
    },
  };
}

const HOT_TIERS: ReadonlySet<HeatTier> = new Set(['hot', 'on_fire']);

/**
 * Only a climb into hot or on fire is news a receiver acts on (call the lead now); cooling down happens by decay
 * with no event to report it, and warm is too common to be worth a request.
 */
export function heatTierChangedEvent(
  leadId: string,
  from: HeatTier,
  to: HeatTier,
  engagement: number,
  at: Date,
): OutboxEvent<'lead.heat_tier_changed'> | undefined {
  if (!HOT_TIERS.has(to) || HEAT_TIERS.indexOf(to) <= HEAT_TIERS.indexOf(from)) return undefined;
  return {
    type: 'lead.heat_tier_changed',
    data: { leadId, from, to, engagement: Math.round(engagement * 100) / 100, at: at.toISOString() },
  };
}

export function modelActivatedEvent(model: {
  id: string;
  version: number;
  trainingRows: number | null;
  rocAuc: number | null;
  activatedAt: Date;
}): OutboxEvent<'model.activated'> {
  return {
    type: 'model.activated',
    data: { model: { ...model, activatedAt: model.activatedAt.toISOString() } },
  };
}

export function pingEvent(webhookId: string): OutboxEvent<'webhook.ping'> {
  return {
    type: 'webhook.ping',
    data: { webhookId, message: 'A test delivery from Triage: your endpoint is reachable.' },
  };
}
