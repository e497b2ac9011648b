import type { TrainResult } from '@triage/contracts';
import { MIN_CLOSED_LEADS_FOR_MODEL, MIN_OUTCOMES_PER_CLASS, predictiveReadiness } from '@triage/core';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/sql-errors';
import { conflict, HttpError } from '../../http-error';
import { leadFeatureRow, outcomeOf } from './lead-features';
import {
  countOutcomes,
  failTraining,
  findModel,
  findSettings,
  finishTraining,
  insertTrainingModel,
  listClosedLeads,
  listUnfinishedTrainings,
  loadFeatureInputs,
} from './predictive.repository';
import { trainInWorker } from './train-in-worker';

export const TRAIN_MODEL_QUEUE = 'train-model';
/** A training still marked running after this long was lost with its process and is marked failed. */
export const STALE_TRAINING_MS = 60 * 60_000;
const LOAD_BATCH = 5_000;

export type TrainingTrigger = 'on_demand' | 'schedule';

/**
 * Registers a training and queues the job that runs it; answers at once (the job does the work).
 * Refused with the counts when history is too thin, and with 409 while another training of the tenant runs.
 */
export async function requestTraining(
  ctx: AppContext,
  tenantId: string,
  requestedBy: string | null,
  trigger: TrainingTrigger,
): Promise<TrainResult> {
  const jobs = ctx.jobs;
  if (!jobs) {
    throw new HttpError(
      503,
      'jobs_unavailable',
      'Training runs as a background job, and the job runner is not running in this process',
    );
  }
  const now = new Date(ctx.now());
  const counts = await countOutcomes(ctx.db, tenantId, now);
  const readiness = predictiveReadiness(counts);
  if (!readiness.ready) {
    throw new HttpError(
      400,
      'not_enough_history',
      `Not enough history to train a model: ${counts.won + counts.lost} closed leads (${counts.won} won, ${counts.lost} lost); ` +
        `at least ${MIN_CLOSED_LEADS_FOR_MODEL} are needed, with ${MIN_OUTCOMES_PER_CLASS} of each outcome. ` +
        'Until then the predictive score is fit + engagement.',
    );
  }
  await failStaleTrainings(ctx, tenantId, now);
  let modelId: string;
  try {
    const row = await insertTrainingModel(ctx.db, tenantId, {
      dataCutoff: now,
      trigger,
      requestedBy,
      createdAt: now,
    });
    modelId = row.id;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(
        'training_in_progress',
        'A model is already being trained for this workspace; wait for it',
      );
    throw error;
  }
  try {
    await jobs.send(TRAIN_MODEL_QUEUE, { tenantId, modelId }, modelId);
  } catch (error) {
    await failTraining(ctx.db, tenantId, modelId, 'the training job could not be queued', now);
    throw error;
  }
  return { modelId, status: 'training' };
}

async function failStaleTrainings(ctx: AppContext, tenantId: string, now: Date) {
  for (const training of await listUnfinishedTrainings(ctx.db)) {
    if (training.tenantId === tenantId && now.getTime() - training.createdAt.getTime() > STALE_TRAINING_MS) {
      await failTraining(
        ctx.db,
        tenantId,
        training.id,
        'the training did not finish (its process stopped)',
        now,
      );
    }
  }
}

/** Re-queues trainings whose job may have been lost (the process stopped between registering and queueing). */
export async function requeueUnfinishedTrainings(ctx: AppContext): Promise<number> {
  const unfinished = await listUnfinishedTrainings(ctx.db);
  for (const training of unfinished) {
    await ctx.jobs?.send(
      TRAIN_MODEL_QUEUE,
      { tenantId: training.tenantId, modelId: training.id },
      training.id,
    );
  }
  return unfinished.length;
}

/** Where a training is; tests use it to act while the CPU part runs. */
export type TrainingPhase = 'loading' | 'training' | 'storing';

export interface RunTrainingOptions {
  onPhase?: (phase: TrainingPhase) => void;
}

/**
 * The job body: reads the tenant's closed leads as they were at their decision moment, then, in a worker thread
 * (so the API keeps answering), measures the setup on the most recent outcomes and trains the model on all of
 * them; stores it (status ready), or records why it failed. Runs at most once per model: a model no longer in
 * training is left alone.
 */
export async function runTraining(
  ctx: AppContext,
  tenantId: string,
  modelId: string,
  options: RunTrainingOptions = {},
): Promise<void> {
  const model = await findModel(ctx.db, tenantId, modelId);
  if (model?.status !== 'training') return;
  try {
    options.onPhase?.('loading');
    const [policy, settings, closed] = await Promise.all([
      ctx.policies.get(tenantId),
      findSettings(ctx.db, tenantId),
      listClosedLeads(ctx.db, tenantId, model.dataCutoff),
    ]);
    const engagement = policy.policy.engagement;
    const rows: Record<string, unknown>[] = [];
    const outcomes: boolean[] = [];
    for (let start = 0; start < closed.length; start += LOAD_BATCH) {
      const batch = closed.slice(start, start + LOAD_BATCH);
      const inputs = new Map(
        (
          await loadFeatureInputs(
            ctx.db,
            tenantId,
            batch.map((lead) => lead.id),
          )
        ).map((input) => [input.id, input]),
      );
      for (const lead of batch) {
        const input = inputs.get(lead.id);
        if (!input) continue;
        rows.push(leadFeatureRow(input.lead, input.events, input.decidedAt ?? lead.closedAt, engagement));
        outcomes.push(outcomeOf(lead.stage) === 'won');
      }
    }
    options.onPhase?.('training');
    const trained = await trainInWorker({
      rows,
      outcomes,
      engagement,
      settings: { fields: settings.fields, excluded: settings.excluded },
      seed: model.version,
    });
    options.onPhase?.('storing');
    await finishTraining(ctx.db, tenantId, modelId, {
      model: trained.model,
      metrics: trained.metrics,
      trainingRows: rows.length,
      won: trained.won,
      lost: trained.lost,
      features: trained.features,
      trainedAt: new Date(ctx.now()),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await failTraining(ctx.db, tenantId, modelId, message, new Date(ctx.now()));
  }
}
