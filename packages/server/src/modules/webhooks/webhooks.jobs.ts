import type { AppContext } from '../../context';
import type { JobDefinition } from '../../plugins/jobs';
import {
  dispatchTenant,
  sweepWebhooks,
  WEBHOOK_DISPATCH_QUEUE,
  WEBHOOK_RETRY_QUEUE,
} from './webhook-delivery.service';
import type { WebhookSettings } from './webhook-settings';

export const WEBHOOK_SWEEP_QUEUE = 'webhook-sweep';
const WAKE_WINDOW_MS = 25;

/**
 * Webhook delivery as durable jobs: a dispatch per tenant woken after each commit that wrote outbox events, a
 * delayed retry per failed delivery (which runs the tenant's dispatcher when it is due), and a sweep every minute
 * that finds whatever a crash left behind. The attempts themselves are counted in webhook_deliveries, not by
 * pg-boss: its own retry only covers a handler that threw (the database was away), hence retryLimit 2 there.
 */
export function webhookJobs(ctx: AppContext, settings: WebhookSettings): JobDefinition[] {
  const forTenant = (data: Record<string, unknown>) => dispatchTenant(ctx, settings, String(data.tenantId));
  // Commits within WAKE_WINDOW_MS share one job insert: every one of them committed before it is sent, so the job
  // it queues (or the one already queued) finds all their events.
  const waking = new Set<string>();
  ctx.webhooks.wake = (tenantId) => {
    if (waking.has(tenantId)) return;
    waking.add(tenantId);
    setTimeout(() => {
      waking.delete(tenantId);
      ctx.jobs
        ?.send(WEBHOOK_DISPATCH_QUEUE, { tenantId }, tenantId)
        // Not sent: the sweep finds the events within a minute.
        .catch(() => undefined);
    }, WAKE_WINDOW_MS).unref();
  };
  return [
    { queue: WEBHOOK_DISPATCH_QUEUE, handler: forTenant, workers: 4 },
    { queue: WEBHOOK_RETRY_QUEUE, handler: forTenant, workers: 2 },
    {
      queue: WEBHOOK_SWEEP_QUEUE,
      cron: '* * * * *',
      retryLimit: 0,
      handler: () => sweepWebhooks(ctx, settings),
      onStart: () => sweepWebhooks(ctx, settings),
    },
  ];
}
