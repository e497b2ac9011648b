/** How deliveries are retried: exponential backoff from `baseDelayMs`, capped, for at most `maxAttempts` tries. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** 1 min, 4 min, 16 min, 64 min, ~4.3 h, then 12 h twice: eight attempts over about 30 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 60_000,
  factor: 4,
  maxDelayMs: 12 * 3_600_000,
};

/**
 * The wait after the `attempt`-th failed try (1-based). `jitter` in [0, 1) spreads retries ±20% so endpoints
 * that failed together do not all come back in the same second; 0.5 gives the plain schedule.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, jitter = 0.5): number {
  const plain = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * jitter));
}

/** Retry-After in seconds or as an HTTP date, as a wait in milliseconds from `nowMs`; undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export type AttemptResult =
  | { kind: 'response'; status: number; retryAfter?: string | undefined }
  | { kind: 'error'; message: string };

export type AttemptOutcome =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; delayMs: number; why: string }
  | { outcome: 'failed'; why: string };

/** Whether a receiver's answer means "try again later": no answer at all, a server error, throttling or timeout. */
export function isRetryable(result: AttemptResult): boolean {
  if (result.kind === 'error') return true;
  return result.status >= 500 || result.status === 429 || result.status === 408;
}

/**
 * What follows the `attempt`-th try: 2xx is delivered; a retryable failure waits for the backoff (or the
 * receiver's Retry-After, capped at the longest backoff) unless the attempts are spent; anything else (a 4xx, a
 * redirect, which is never followed) fails at once, since sending the same request again would get the same answer.
 */
export function decideAfterAttempt(
  result: AttemptResult,
  attempt: number,
  policy: RetryPolicy,
  nowMs: number,
  jitter = 0.5,
): AttemptOutcome {
  if (result.kind === 'response' && result.status >= 200 && result.status < 300)
    return { outcome: 'delivered' };
  const what = result.kind === 'error' ? result.message : `answered ${result.status}`;
  if (!isRetryable(result)) return { outcome: 'failed', why: `${what}: not retried` };
  if (attempt >= policy.maxAttempts)
    return { outcome: 'failed', why: `${what}: gave up after ${attempt} attempts` };
  const asked = result.kind === 'response' ? parseRetryAfter(result.retryAfter, nowMs) : undefined;
  const delayMs =
    asked === undefined ? backoffDelay(attempt, policy, jitter) : Math.min(asked, policy.maxDelayMs);
  return { outcome: 'retry', delayMs, why: what };
}
