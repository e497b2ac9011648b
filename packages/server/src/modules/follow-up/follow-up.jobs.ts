import type { AppContext } from '../../context';
import type { JobDefinition } from '../../plugins/jobs';
import { sweepAllFollowUps } from './follow-up-sweep.service';

export const FOLLOW_UP_CLOCK_QUEUE = 'follow-up-clock-sweep';
export const FOLLOW_UP_QUIET_QUEUE = 'follow-up-quiet-sweep';

/**
 * Every minute the speed-to-lead clocks are checked (a 5-minute target needs minute resolution; the candidates are a
 * partial index's worth of unanswered hand-raisers); silences, counted in days, every 15 minutes. A run that fails
 * is not retried: the next one does the same work, and each alert is sent once whichever run finds it.
 */
export function followUpJobs(
  ctx: AppContext,
  onError: (error: unknown, tenantId: string) => void = () => undefined,
): JobDefinition[] {
  return [
    {
      queue: FOLLOW_UP_CLOCK_QUEUE,
      cron: '* * * * *',
      retryLimit: 0,
      expireInSeconds: 5 * 60,
      handler: async () => {
        await sweepAllFollowUps(ctx, { clockOnly: true, onError });
      },
    },
    {
      queue: FOLLOW_UP_QUIET_QUEUE,
      cron: '*/15 * * * *',
      retryLimit: 0,
      expireInSeconds: 15 * 60,
      handler: async () => {
        await sweepAllFollowUps(ctx, { onError });
      },
    },
  ];
}
