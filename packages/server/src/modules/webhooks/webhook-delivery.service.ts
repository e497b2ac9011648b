import type { AppContext } from '../../context';
import { type DecidedAttempt, decideAttempt } from './webhook-attempt';
import { sendWebhook } from './webhook-sender';
import type { WebhookSettings } from './webhook-settings';
import { DELIVERY_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  dispatchOutbox,
  purgeWebhookHistory,
  recordAttempt,
  tenantsWithWebhookWork,
} from './webhooks.repository';

export const WEBHOOK_DISPATCH_QUEUE = 'webhook-dispatch';
export const WEBHOOK_RETRY_QUEUE = 'webhook-retry';

/** Events fanned out per statement, and rounds of attempts per job before it hands over to a fresh one. */
const DISPATCH_BATCH = 500;
const ROUNDS_PER_JOB = 20;
/** A claimed attempt stays claimed this long past its timeout; then a dead worker's claim is due again. */
const LEASE_MARGIN_MS = 60_000;

/**
 * Delivery timing is wall-clock time (when the receiver may be back), not the app's clock that tests move
 * to check decay; event timestamps in payloads use the app's clock like every other record.
 */
const wallClock = () => Date.now();

/**
 * A tenant's dispatcher run: fans new outbox events out into deliveries, then attempts every due delivery,
 * `concurrency` at a time, until none is due. Safe to run twice at once (rows are claimed, never shared).
 */
export async function dispatchTenant(
  ctx: AppContext,
  settings: WebhookSettings,
  tenantId: string,
): Promise<void> {
  for (;;) {
    const { events } = await dispatchOutbox(ctx.db, tenantId, new Date(wallClock()), DISPATCH_BATCH);
    if (events < DISPATCH_BATCH) break;
  }
  for (let round = 0; round < ROUNDS_PER_JOB; round++) {
    const claimed = await claim(ctx, settings, tenantId, settings.concurrency);
    if (claimed.length === 0) return;
    await Promise.all(claimed.map((delivery) => attemptDelivery(ctx, settings, tenantId, delivery)));
  }
  // Still busy: a fresh job continues, so one run never outlives the queue's expiry.
  await ctx.jobs?.send(WEBHOOK_DISPATCH_QUEUE, { tenantId }, tenantId);
}

function claim(ctx: AppContext, settings: WebhookSettings, tenantId: string, limit: number) {
  const now = wallClock();
  const lease = new Date(now + settings.timeoutMs + LEASE_MARGIN_MS);
  return claimDueDeliveries(ctx.db, tenantId, new Date(now), lease, limit);
}

/** One HTTP attempt of a claimed delivery, its log line, and the retry it may need. */
export async function attemptDelivery(
  ctx: AppContext,
  settings: WebhookSettings,
  tenantId: string,
  delivery: ClaimedDelivery,
  maxAttempts = settings.retry.maxAttempts,
): Promise<DecidedAttempt> {
  const startedAt = wallClock();
  const secrets = [delivery.secret];
  if (
    delivery.previousSecret &&
    delivery.previousSecretUntil &&
    delivery.previousSecretUntil.getTime() > startedAt
  )
    secrets.push(delivery.previousSecret);
  const sent = await sendWebhook({
    url: delivery.url,
    body: delivery.body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Triage-Webhooks/1',
      [SIGNATURE_HEADER]: signatureHeader(delivery.body, secrets, Math.floor(startedAt / 1000)),
      [DELIVERY_HEADER]: delivery.id,
      [EVENT_TYPE_HEADER]: delivery.eventType,
    },
    timeoutMs: settings.timeoutMs,
    allowPrivateTargets: settings.allowPrivateTargets,
  });
  const decided = decideAttempt(
    sent,
    delivery.attempt,
    { ...settings.retry, maxAttempts },
    startedAt,
    Math.random(),
  );
  await recordAttempt(ctx.db, tenantId, {
    deliveryId: delivery.id,
    startedAt: new Date(startedAt),
    ...decided,
  });
  // Keyed by the attempt, not the delivery: a retry job still queued for an earlier attempt (whose work another
  // run did) must not swallow the wake-up of this one.
  if (decided.nextRetryAt)
    await ctx.jobs?.send(
      WEBHOOK_RETRY_QUEUE,
      { tenantId },
      `${delivery.id}:${delivery.attempt + 1}`,
      decided.nextRetryAt,
    );
  return decided;
}

/**
 * The safety net behind the after-commit wake-up: a process that died between a commit and its wake-up, or
 * during an attempt, leaves work that this finds (every minute) and hands to each tenant's dispatcher.
 */
export async function sweepWebhooks(ctx: AppContext, settings: WebhookSettings): Promise<void> {
  const now = wallClock();
  for (const tenantId of await tenantsWithWebhookWork(ctx.db, new Date(now)))
    await ctx.jobs?.send(WEBHOOK_DISPATCH_QUEUE, { tenantId }, tenantId);
  await purgeWebhookHistory(ctx.db, new Date(now - settings.retentionDays * 86_400_000));
}
