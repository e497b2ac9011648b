import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './webhook-retry';

export interface WebhookSettings {
  /** Whether endpoints may point into private networks and loopback (see webhook-target.ts). */
  allowPrivateTargets: boolean;
  /** The deadline of one attempt, from connecting to the end of the answer. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Attempts sent at the same time by one dispatch run. */
  concurrency: number;
  /** Delivered and failed deliveries, and dispatched events, are deleted after this many days. */
  retentionDays: number;
}

export type WebhookOptions = Partial<Omit<WebhookSettings, 'retry'>> & { retry?: Partial<RetryPolicy> };

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowPrivateTargets: false,
  timeoutMs: 10_000,
  retry: DEFAULT_RETRY_POLICY,
  concurrency: 8,
  retentionDays: 30,
};

export function resolveWebhookSettings(options: WebhookOptions = {}): WebhookSettings {
  return { ...DEFAULT_WEBHOOK_SETTINGS, ...options, retry: { ...DEFAULT_RETRY_POLICY, ...options.retry } };
}

/** TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true lets a self-hosted server deliver to its own network (off by default). */
export function webhookOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookOptions {
  const allow = env.TRIAGE_WEBHOOKS_ALLOW_PRIVATE?.trim().toLowerCase();
  return { allowPrivateTargets: allow === 'true' || allow === '1' };
}
