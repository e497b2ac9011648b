import type {
  LeadPredictive,
  ModelAnalytics,
  ModelMetrics,
  PredictiveModel,
  PredictiveSettings,
} from '@triage/contracts';
import {
  CLOSED_STAGES,
  coldStartScore,
  type EngagementPolicy,
  predictiveReadiness,
  scoreWithModel,
  topContributions,
} from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';
import { conflict, notFound } from '../../http-error';
import { modelActivatedEvent } from '../webhooks/webhook-payloads';
import type { ActiveModel } from './active-model';
import { leadFeatureRow } from './lead-features';
import {
  countOutcomes,
  type FeatureInput,
  findModel,
  findSettings,
  listModels,
  listOpenLeadIds,
  loadFeatureInputs,
  type ModelRow,
  saveSettings,
  setActiveModel,
  writePredictions,
} from './predictive.repository';

const RESCORE_BATCH = 2_000;

interface StoredFeatures {
  used: { name: string; label: string; kind: string }[];
  excluded: { name: string; reason: string }[];
}

export function toModelView(row: ModelRow): PredictiveModel {
  const features = (row.features ?? { used: [], excluded: [] }) as StoredFeatures;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    active: row.active,
    trigger: row.trigger,
    metrics: (row.metrics ?? null) as ModelMetrics | null,
    trainingRows: row.trainingRows,
    won: row.won,
    lost: row.lost,
    features: features.used,
    excludedFields: features.excluded,
    dataCutoff: row.dataCutoff.toISOString(),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    trainedAt: row.trainedAt?.toISOString() ?? null,
    activatedAt: row.activatedAt?.toISOString() ?? null,
  };
}

export async function listModelViews(ctx: AppContext, tenantId: string) {
  return { items: (await listModels(ctx.db, tenantId)).map(toModelView) };
}

export async function getModelView(ctx: AppContext, tenantId: string, id: string) {
  const row = await findModel(ctx.db, tenantId, id);
  if (!row) throw notFound('Model');
  return toModelView(row);
}

/** A lead's feature row now: activity up to its decision moment, or up to `now` if it has not reached one. */
function featureRowOf(input: FeatureInput, now: number, engagement: EngagementPolicy) {
  return leadFeatureRow(input.lead, input.events, input.decidedAt ?? now, engagement);
}

/**
 * Scores the leads with `model` as of `now` and stores the probabilities, on `db`. Needs no app context, so a
 * process without one (the CLI import) predicts the way the server does.
 */
export async function predictAndStore(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  model: ActiveModel,
  engagement: EngagementPolicy,
  now: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const inputs = await loadFeatureInputs(db, tenantId, ids);
  const predictions = inputs.map((input) => ({
    id: input.id,
    probability: scoreWithModel(model.model, featureRowOf(input, now, engagement)).probability,
  }));
  await writePredictions(db, tenantId, predictions, model.id, new Date(now));
  return predictions.length;
}

/**
 * The background re-prediction (ctx.predictions): leads whose change has committed, re-predicted on the root
 * handle with the policy and model of now. A tenant without an active model costs one cache lookup.
 */
export async function repredictCommittedLeads(
  ctx: AppContext,
  tenantId: string,
  ids: readonly string[],
): Promise<number> {
  const active = await ctx.models.get(tenantId);
  if (!active || ids.length === 0) return 0;
  const policy = await ctx.policies.get(tenantId);
  return predictAndStore(ctx.db, tenantId, ids, active, policy.policy.engagement, ctx.now());
}

/**
 * Makes a trained model the active one and re-predicts every open lead with it, in committed batches, before
 * answering. The model it replaces stays stored: activating that one again is the rollback.
 */
export async function activateModel(ctx: AppContext, tenantId: string, id: string) {
  const row = await findModel(ctx.db, tenantId, id, true);
  if (!row) throw notFound('Model');
  if (row.status !== 'ready' || !row.model) {
    throw conflict(
      'model_not_ready',
      `Model version ${row.version} is ${row.status}; only a trained model can be activated`,
    );
  }
  const now = new Date(ctx.now());
  const outbox = await ctx.webhooks.outbox(tenantId);
  await ctx.db.transaction(async (tx) => {
    await setActiveModel(tx, tenantId, id, now);
    if (outbox.wants('model.activated')) {
      const metrics = toModelView(row).metrics;
      const facts = { id, version: row.version, trainingRows: row.trainingRows, activatedAt: now };
      await outbox.add(tx, [modelActivatedEvent({ ...facts, rocAuc: metrics?.model.rocAuc ?? null })], now);
    }
  });
  outbox.committed();
  ctx.models.invalidate(tenantId);
  const [active, policy] = await Promise.all([ctx.models.get(tenantId), ctx.policies.get(tenantId)]);
  let rescored = 0;
  let afterId = '00000000-0000-0000-0000-000000000000';
  while (active) {
    const ids = await listOpenLeadIds(ctx.db, tenantId, afterId, RESCORE_BATCH);
    if (ids.length === 0) break;
    afterId = ids.at(-1)!;
    rescored += await ctx.db.transaction((tx) =>
      predictAndStore(tx, tenantId, ids, active, policy.policy.engagement, ctx.now()),
    );
  }
  return { model: toModelView((await findModel(ctx.db, tenantId, id))!), rescored };
}

const roundPoints = (points: number) => Math.round(points * 10) / 10;

/** The predictive part of a lead's score: the active model's probability and why, or the cold-start blend and why. */
export async function leadPredictive(
  ctx: AppContext,
  tenantId: string,
  leadId: string,
  fitScore: number,
  engagementPoints: number,
): Promise<LeadPredictive> {
  const active = await ctx.models.get(tenantId);
  const now = ctx.now();
  if (!active) {
    const outcomes = await countOutcomes(ctx.db, tenantId, new Date(now));
    const readiness = predictiveReadiness(outcomes);
    const fallback = coldStartScore({ fitScore, engagementPoints });
    const closed = outcomes.won + outcomes.lost;
    return {
      status: 'cold_start',
      probability: null,
      score: Math.round(fallback.score),
      modelVersion: null,
      explanation: readiness.ready
        ? `No predictive model is active yet (${closed} closed leads are enough to train one); this score is fit + engagement, not a probability`
        : `Not enough history yet: ${readiness.reason}. This score is fit + engagement, not a probability`,
      contributions: fallback.parts.map((part) => ({ label: part.label, points: roundPoints(part.points) })),
    };
  }
  const [policy, inputs] = await Promise.all([
    ctx.policies.get(tenantId),
    loadFeatureInputs(ctx.db, tenantId, [leadId]),
  ]);
  const row = inputs[0] ? featureRowOf(inputs[0], now, policy.policy.engagement) : {};
  const score = scoreWithModel(active.model, row);
  const top = topContributions(score, 3);
  const training = active.model.training;
  return {
    status: 'model',
    probability: score.probability,
    score: Math.round(score.probability * 100),
    modelVersion: active.version,
    explanation:
      `${Math.round(score.probability * 100)}% chance to convert, from model version ${active.version} ` +
      `(trained on ${training.rows} closed leads, ${training.positives} won). ` +
      `The average lead starts at ${Math.round(score.baseProbability * 100)}%.`,
    contributions: [...top.raising, ...top.lowering].map((c) => ({
      label: c.label,
      points: roundPoints(c.points),
    })),
  };
}

export async function getSettings(ctx: AppContext, tenantId: string): Promise<PredictiveSettings> {
  return findSettings(ctx.db, tenantId);
}

export async function updateSettings(
  ctx: AppContext,
  tenantId: string,
  patch: { [K in keyof PredictiveSettings]?: PredictiveSettings[K] | undefined },
): Promise<PredictiveSettings> {
  const current = await findSettings(ctx.db, tenantId);
  const next = {
    fields: patch.fields === undefined ? current.fields : patch.fields,
    excluded: patch.excluded ?? current.excluded,
    scheduled: patch.scheduled ?? current.scheduled,
  };
  await saveSettings(ctx.db, tenantId, next);
  return next;
}

/** The dashboard's view of the active model: held-out reliability and lift, and where open leads fall now. */
export async function modelAnalytics(ctx: AppContext, tenantId: string): Promise<ModelAnalytics> {
  const active = await ctx.models.get(tenantId);
  const row = active ? await findModel(ctx.db, tenantId, active.id) : undefined;
  const metrics = (row?.metrics ?? null) as ModelMetrics | null;
  const bands = await rows<{ band: number; leads: number }>(
    ctx.db,
    sql`select least(floor(predicted_probability * 10), 9)::int as band, count(*)::int as leads from leads
        where tenant_id = ${tenantId} and predicted_probability is not null
          and stage <> all(${sql.param([...CLOSED_STAGES])}::text[])
        group by 1 order by 1`,
  );
  const byBand = new Map(bands.map((b) => [Number(b.band), Number(b.leads)]));
  return {
    active: Boolean(row),
    modelId: row?.id ?? null,
    modelVersion: row?.version ?? null,
    trainedAt: row?.trainedAt?.toISOString() ?? null,
    metrics: metrics?.model ?? null,
    naiveBayes: metrics?.naiveBayes ?? null,
    reliability: metrics?.reliability ?? [],
    lift: metrics?.lift ?? [],
    openLeadsByBand: Array.from({ length: 10 }, (_, band) => ({
      from: band * 10,
      to: (band + 1) * 10,
      leads: byBand.get(band) ?? 0,
    })),
  };
}
