import { predictiveReadiness } from '@triage/core';
import type { AppContext } from '../../context';
import type { JobDefinition } from '../../plugins/jobs';
import { refreshStalePredictions } from './prediction-refresh.service';
import { countOutcomes, listScheduledTenants } from './predictive.repository';
import {
  requestTraining,
  requeueUnfinishedTrainings,
  runTraining,
  TRAIN_MODEL_QUEUE,
} from './training.service';

export const RETRAIN_QUEUE = 'retrain-models';
/**
 * Every workspace with enough history is retrained weekly, Monday 03:00 UTC, unless its settings turn the
 * schedule off. A scheduled model is stored ready but not activated: a person compares it and activates it.
 */
export const DEFAULT_RETRAIN_CRON = '0 3 * * 1';

export const REFRESH_PREDICTIONS_QUEUE = 'refresh-predictions';
/** Hourly: stored predictions of leads whose engagement decays are rewritten once older than 6 hours (ADR 0005). */
export const DEFAULT_REFRESH_CRON = '20 * * * *';

export interface PredictionRefreshSchedule {
  cron?: string;
  maxAgeMs?: number;
}

export function predictiveJobs(
  ctx: AppContext,
  retrainCron = DEFAULT_RETRAIN_CRON,
  refresh: PredictionRefreshSchedule = {},
): JobDefinition[] {
  return [
    {
      queue: TRAIN_MODEL_QUEUE,
      handler: async (data) => runTraining(ctx, String(data.tenantId), String(data.modelId)),
      // A training the process dies in is retried after this; one tenant's history trains in well under it.
      expireInSeconds: 30 * 60,
      onStart: async () => {
        await requeueUnfinishedTrainings(ctx);
      },
    },
    {
      queue: RETRAIN_QUEUE,
      cron: retrainCron,
      retryLimit: 0,
      handler: async () => {
        const now = new Date(ctx.now());
        for (const tenantId of await listScheduledTenants(ctx.db)) {
          if (!predictiveReadiness(await countOutcomes(ctx.db, tenantId, now)).ready) continue;
          // A training already running for the tenant (409) is as good as the one the schedule wanted.
          await requestTraining(ctx, tenantId, 'schedule', 'schedule').catch(() => undefined);
        }
      },
    },
    {
      queue: REFRESH_PREDICTIONS_QUEUE,
      cron: refresh.cron ?? DEFAULT_REFRESH_CRON,
      // The next hour's run does the same work; a retry would only pile up behind it.
      retryLimit: 0,
      expireInSeconds: 30 * 60,
      handler: async () => {
        await refreshStalePredictions(
          ctx,
          refresh.maxAgeMs === undefined ? {} : { maxAgeMs: refresh.maxAgeMs },
        );
      },
    },
  ];
}
