import { decideAfterAttempt, type RetryPolicy } from './webhook-retry';
import type { SentAttempt } from './webhook-sender';
import type { AttemptRecord } from './webhooks.repository';

export type DecidedAttempt = Omit<AttemptRecord, 'deliveryId' | 'startedAt'>;

/** What one attempt's result means for the delivery, phrased as the log line and the delivery's next state. */
export function decideAttempt(
  sent: SentAttempt,
  attempt: number,
  policy: RetryPolicy,
  startedAt: number,
  jitter: number,
): DecidedAttempt {
  const decision = decideAfterAttempt(sent, attempt, policy, startedAt, jitter);
  const finishedAt = new Date(startedAt + sent.durationMs);
  const common = {
    attempt,
    durationMs: sent.durationMs,
    responseStatus: sent.kind === 'response' ? sent.status : null,
    responseExcerpt: sent.excerpt,
  };
  switch (decision.outcome) {
    case 'delivered':
      return { ...common, error: null, status: 'delivered', nextRetryAt: null, finishedAt };
    case 'retry':
      return {
        ...common,
        error: decision.why,
        status: 'pending',
        nextRetryAt: new Date(finishedAt.getTime() + decision.delayMs),
        finishedAt: null,
      };
    case 'failed':
      return { ...common, error: decision.why, status: 'failed', nextRetryAt: null, finishedAt };
  }
}
