import type {
  NewWebhookInput,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEventType,
  WebhookList,
  WebhookPatch,
  WebhookWithSecret,
} from '@triage/contracts';
import type { AppContext } from '../../context';
import { uuidV7Batch } from '../../db/uuid-v7';
import { invalid, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { attemptDelivery } from './webhook-delivery.service';
import { pingEvent, webhookEnvelope } from './webhook-payloads';
import type { WebhookSettings } from './webhook-settings';
import { newWebhookSecret } from './webhook-signature';
import { privateTargetProblem } from './webhook-target';
import {
  type AttemptRow,
  type DeliveryRow,
  deleteWebhook,
  findWebhook,
  insertClaimedDelivery,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookRow,
} from './webhooks.repository';

/** After a rotation the old secret signs beside the new one this long, so receivers switch without a gap. */
export const PREVIOUS_SECRET_OVERLAP_MS = 24 * 3_600_000;

const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEventType[],
  description: row.description,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

function checkTarget(settings: WebhookSettings, url: string | undefined): void {
  if (url === undefined || settings.allowPrivateTargets) return;
  const problem = privateTargetProblem(url);
  if (problem)
    throw invalid([
      {
        location: 'body',
        pointer: '/url',
        message: `${problem}; this server refuses those (set TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true to allow them)`,
      },
    ]);
}

export async function createWebhook(
  ctx: AppContext,
  settings: WebhookSettings,
  auth: AuthContext,
  input: NewWebhookInput,
): Promise<WebhookWithSecret> {
  checkTarget(settings, input.url);
  const secret = newWebhookSecret();
  const row = await insertWebhook(ctx.db, auth.tenantId, {
    url: input.url,
    events: input.events,
    description: input.description ?? null,
    active: input.active ?? true,
    secret,
    at: new Date(ctx.now()),
  });
  ctx.webhooks.invalidate(auth.tenantId);
  return { ...toWebhook(row), secret };
}

export async function webhooksOfTenant(ctx: AppContext, auth: AuthContext): Promise<WebhookList> {
  return { items: (await listWebhooks(ctx.db, auth.tenantId)).map(toWebhook) };
}

export async function getWebhook(ctx: AppContext, auth: AuthContext, id: string): Promise<Webhook> {
  const row = await findWebhook(ctx.db, auth.tenantId, id);
  if (!row) throw notFound('Webhook');
  return toWebhook(row);
}

export async function patchWebhook(
  ctx: AppContext,
  settings: WebhookSettings,
  auth: AuthContext,
  id: string,
  patch: WebhookPatch,
): Promise<Webhook> {
  checkTarget(settings, patch.url);
  const { url, events, description, active } = patch;
  const row = await updateWebhook(
    ctx.db,
    auth.tenantId,
    id,
    {
      ...(url !== undefined ? { url } : {}),
      ...(events !== undefined ? { events } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(active !== undefined ? { active } : {}),
    },
    new Date(ctx.now()),
  );
  if (!row) throw notFound('Webhook');
  ctx.webhooks.invalidate(auth.tenantId);
  return toWebhook(row);
}

export async function removeWebhook(ctx: AppContext, auth: AuthContext, id: string): Promise<void> {
  if (!(await deleteWebhook(ctx.db, auth.tenantId, id))) throw notFound('Webhook');
  ctx.webhooks.invalidate(auth.tenantId);
}

export async function rotateSecret(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
): Promise<WebhookWithSecret> {
  const secret = newWebhookSecret();
  const now = ctx.now();
  const row = await rotateWebhookSecret(
    ctx.db,
    auth.tenantId,
    id,
    secret,
    // Wall-clock like the deliveries that compare against it.
    new Date(Date.now() + PREVIOUS_SECRET_OVERLAP_MS),
    new Date(now),
  );
  if (!row) throw notFound('Webhook');
  return { ...toWebhook(row), secret };
}

const toAttempt = (row: AttemptRow) => ({
  attempt: row.attempt,
  startedAt: row.startedAt.toISOString(),
  durationMs: row.durationMs,
  responseStatus: row.responseStatus,
  error: row.error,
  responseExcerpt: row.responseExcerpt,
  nextRetryAt: row.nextRetryAt?.toISOString() ?? null,
});

const toDelivery = (delivery: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery => ({
  id: delivery.id,
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  status: delivery.status,
  attempts: attempts.map(toAttempt),
  nextAttemptAt: delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
  createdAt: delivery.createdAt.toISOString(),
  finishedAt: delivery.finishedAt?.toISOString() ?? null,
});

export async function webhookDeliveries(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
  query: { limit: number; status?: string | undefined },
): Promise<WebhookDeliveryList> {
  if (!(await findWebhook(ctx.db, auth.tenantId, id))) throw notFound('Webhook');
  const found = await listDeliveries(ctx.db, auth.tenantId, id, query.limit, { status: query.status });
  return { items: found.map(({ delivery, attempts }) => toDelivery(delivery, attempts)) };
}

/**
 * Sends a signed `webhook.ping` now, in the request, paused or not, and answers with the logged delivery. A ping
 * is tried once: the caller is watching and can press the button again.
 */
export async function pingWebhook(
  ctx: AppContext,
  settings: WebhookSettings,
  auth: AuthContext,
  id: string,
): Promise<WebhookDelivery> {
  if (!(await findWebhook(ctx.db, auth.tenantId, id))) throw notFound('Webhook');
  const [eventId] = uuidV7Batch(1) as [string];
  const createdAt = new Date(ctx.now());
  const event = pingEvent(id);
  const wall = Date.now();
  const claimed = await ctx.db.transaction(async (tx) => {
    const inserted = await insertClaimedDelivery(
      tx,
      auth.tenantId,
      id,
      {
        id: eventId,
        type: event.type,
        body: JSON.stringify(webhookEnvelope(eventId, event, createdAt, auth.tenantId)),
        createdAt,
      },
      new Date(wall),
      new Date(wall + settings.timeoutMs + 60_000),
    );
    // Deleted between the check and the insert: nothing stays written.
    if (!inserted) throw notFound('Webhook');
    return inserted;
  });
  await attemptDelivery(ctx, settings, auth.tenantId, claimed, 1);
  const [logged] = await listDeliveries(ctx.db, auth.tenantId, id, 1, { id: claimed.id });
  return toDelivery(logged!.delivery, logged!.attempts);
}
