import { CLOSED_STAGES, type EngagementEvent } from '@triage/core';
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/create-db';
import { firstRow, rows } from '../../db/sql';
import { toDate } from '../../db/timestamps';
import { accountOfRow, LEAD_WITH_ACCOUNT_COLUMNS, type LeadWithAccountRow } from '../scoring/fit-subject';
import {
  DECISION_STAGES,
  EARLY_STAGES,
  type FeatureLead,
  HANDED_OFF_STAGES,
  LOST_STAGES,
  type PredictiveFieldSettings,
  WON_STAGES,
} from './lead-features';

const stages = (list: readonly string[]) => sql`${sql.param([...list])}::text[]`;

/** Closed leads of the tenant that had closed by `until`, by outcome. */
export async function countOutcomes(
  db: Db,
  tenantId: string,
  until: Date,
): Promise<{ won: number; lost: number }> {
  const row = await firstRow<{ won: number | string; lost: number | string }>(
    db,
    sql`select count(*) filter (where stage = any(${stages(WON_STAGES)}))::int as won,
               count(*) filter (where stage = any(${stages(LOST_STAGES)}))::int as lost
        from leads where tenant_id = ${tenantId} and stage = any(${stages(CLOSED_STAGES)})
          and stage_changed_at <= ${until.toISOString()}::timestamptz`,
  );
  return { won: Number(row?.won ?? 0), lost: Number(row?.lost ?? 0) };
}

export interface ClosedLead {
  id: string;
  stage: string;
  closedAt: number;
}

/** Training examples: every lead closed by `until`, oldest outcome first (a time-ordered holdout needs that order). */
export async function listClosedLeads(db: Db, tenantId: string, until: Date): Promise<ClosedLead[]> {
  const found = await rows<{ id: string; stage: string; closedAt: Date | string }>(
    db,
    sql`select id, stage, stage_changed_at as "closedAt" from leads
        where tenant_id = ${tenantId} and stage = any(${stages(CLOSED_STAGES)})
          and stage_changed_at <= ${until.toISOString()}::timestamptz
        order by stage_changed_at, id`,
  );
  return found.map((r) => ({ id: r.id, stage: r.stage, closedAt: toDate(r.closedAt).getTime() }));
}

/** Open leads in id order, a page at a time (activation re-predicts them in batches). */
export async function listOpenLeadIds(
  db: Db,
  tenantId: string,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from leads where tenant_id = ${tenantId} and id > ${afterId}
          and stage <> all(${stages(CLOSED_STAGES)})
        order by id limit ${limit}`,
  );
  return found.map((r) => r.id);
}

/** Tenants with an active model, and that model (the prediction refresh walks them). */
export async function listActiveModels(db: Db): Promise<{ tenantId: string; modelId: string }[]> {
  return rows<{ tenantId: string; modelId: string }>(
    db,
    sql`select tenant_id as "tenantId", id as "modelId" from models where active and status = 'ready'`,
  );
}

/**
 * Open leads whose stored prediction may no longer be what the active model says now, in id order, a page at a
 * time: never predicted or predicted by another model; or predicted before `staleBefore` while the lead is still
 * read up to now (not handed off, see lead-features.ts) and has events, since its decayed engagement has moved
 * since. A lead without events, or handed off, has a feature row that does not change with time.
 */
export async function listStalePredictionIds(
  db: Db,
  tenantId: string,
  modelId: string,
  staleBefore: Date,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select l.id from leads l
        where l.tenant_id = ${tenantId} and l.id > ${afterId} and l.stage <> all(${stages(CLOSED_STAGES)})
          and (l.predicted_model_id is distinct from ${modelId}::uuid or l.predicted_at is null
            or (l.predicted_at < ${staleBefore.toISOString()}::timestamptz
              and l.stage <> all(${stages(HANDED_OFF_STAGES)})
              and exists (select 1 from events e where e.tenant_id = l.tenant_id and e.lead_id = l.id)))
        order by l.id limit ${limit}`,
  );
  return found.map((r) => r.id);
}

export interface FeatureInput {
  id: string;
  stage: string;
  lead: FeatureLead;
  /** The decision moment (see lead-features.ts), or null when the lead has not reached it. */
  decidedAt: number | null;
  events: EngagementEvent[];
}

/**
 * Runs the reads side by side on the pool, one after the other inside a transaction: a transaction is one
 * connection, and node-postgres deprecates queueing a query on a client that is still running one.
 */
async function inParallelUnlessTransaction<A, B, C>(
  db: Db,
  reads: [() => Promise<A>, () => Promise<B>, () => Promise<C>],
): Promise<[A, B, C]> {
  const [a, b, c] = reads;
  if (!(db instanceof PgTransaction)) return Promise.all([a(), b(), c()]);
  return [await a(), await b(), await c()];
}

/** Everything the feature row of each lead needs: attributes, account, decision moment, events. */
export async function loadFeatureInputs(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<FeatureInput[]> {
  if (ids.length === 0) return [];
  const idArray = sql`${sql.param([...ids])}::uuid[]`;
  const [leadRows, decisions, events] = await inParallelUnlessTransaction(db, [
    () =>
      rows<LeadWithAccountRow & { stage: string }>(
        db,
        sql`select ${LEAD_WITH_ACCOUNT_COLUMNS}, l.stage
          from leads l
          -- One primary-key probe per lead whatever the statistics say (PGlite never auto-analyzes, and after a
          -- bulk load the planner believes a tenant has 4 accounts); 'limit 1' keeps the subquery from being flattened.
          left join lateral (
            select industry, employees, annual_revenue, country, technologies, domain, custom from accounts
            where tenant_id = l.tenant_id and id = l.account_id limit 1
          ) a on true
          where l.tenant_id = ${tenantId} and l.id = any(${idArray})`,
      ),
    () =>
      rows<{ leadId: string; decidedAt: Date | string }>(
        db,
        sql`select t.lead_id as "leadId", min(t.at) as "decidedAt"
          from stage_transitions t
          left join lateral (
            select max(o.at) as at from stage_transitions o
            where o.tenant_id = t.tenant_id and o.lead_id = t.lead_id and o.to_stage = any(${stages(EARLY_STAGES)})
          ) early on true
          where t.tenant_id = ${tenantId} and t.lead_id = any(${idArray})
            and t.to_stage = any(${stages(DECISION_STAGES)}) and (early.at is null or t.at >= early.at)
          group by t.lead_id`,
      ),
    () =>
      rows<{ leadId: string; type: string; occurredAt: number }>(
        db,
        sql`select lead_id as "leadId", type, occurred_at as "occurredAt" from events
          where tenant_id = ${tenantId} and lead_id = any(${idArray})`,
      ),
  ]);
  const decidedAt = new Map(decisions.map((d) => [d.leadId, toDate(d.decidedAt).getTime()]));
  const eventsByLead = new Map<string, EngagementEvent[]>();
  for (const e of events) {
    const list = eventsByLead.get(e.leadId);
    const event = { type: e.type, occurredAt: Number(e.occurredAt) };
    if (list) list.push(event);
    else eventsByLead.set(e.leadId, [event]);
  }
  return leadRows.map((r) => ({
    id: r.id,
    stage: r.stage,
    decidedAt: decidedAt.get(r.id) ?? null,
    events: eventsByLead.get(r.id) ?? [],
    lead: {
      email: r.email,
      title: r.title,
      seniority: r.seniority,
      department: r.department,
      country: r.country,
      source: r.source,
      custom: r.custom,
      account: accountOfRow(r),
    },
  }));
}

/**
 * Stores each lead's probability from `modelId` (null clears it), computed from data read at `at` or later. A
 * prediction computed earlier than the stored one is dropped: background re-predictions finish in any order, and
 * one that read older data must not overwrite one that read newer.
 */
export async function writePredictions(
  db: Db,
  tenantId: string,
  predictions: readonly { id: string; probability: number | null }[],
  modelId: string | null,
  at: Date,
): Promise<void> {
  if (predictions.length === 0) return;
  await db.execute(sql`
    update leads l set predicted_probability = u.p, predicted_model_id = ${modelId}::uuid,
      predicted_at = ${at.toISOString()}::timestamptz
    from unnest(${sql.param(predictions.map((p) => p.id))}::uuid[],
                ${sql.param(predictions.map((p) => p.probability))}::float8[]) as u(id, p)
    where l.tenant_id = ${tenantId} and l.id = u.id
      and (l.predicted_at is null or l.predicted_at <= ${at.toISOString()}::timestamptz)`);
}

/** Clears every stored prediction of the tenant (no model is active any more). */
export async function clearPredictions(db: Db, tenantId: string): Promise<void> {
  await db.execute(sql`
    update leads set predicted_probability = null, predicted_model_id = null, predicted_at = null
    where tenant_id = ${tenantId} and predicted_model_id is not null`);
}

export type ModelStatus = 'training' | 'ready' | 'failed';

export interface ModelRow {
  id: string;
  tenantId: string;
  version: number;
  status: ModelStatus;
  active: boolean;
  model: unknown;
  metrics: unknown;
  trainingRows: number | null;
  won: number | null;
  lost: number | null;
  features: unknown;
  dataCutoff: Date;
  trigger: string;
  requestedBy: string | null;
  error: string | null;
  createdAt: Date;
  trainedAt: Date | null;
  activatedAt: Date | null;
}

type RawModelRow = Omit<ModelRow, 'dataCutoff' | 'createdAt' | 'trainedAt' | 'activatedAt'> & {
  dataCutoff: Date | string;
  createdAt: Date | string;
  trainedAt: Date | string | null;
  activatedAt: Date | string | null;
};

const MODEL_COLUMNS = sql`tenant_id as "tenantId", id, version, status, active, metrics, training_rows as "trainingRows",
  won, lost, features, data_cutoff as "dataCutoff", trigger, requested_by as "requestedBy", error,
  created_at as "createdAt", trained_at as "trainedAt", activated_at as "activatedAt"`;

function toModelRow(raw: RawModelRow): ModelRow {
  return {
    ...raw,
    model: raw.model ?? null,
    dataCutoff: toDate(raw.dataCutoff),
    createdAt: toDate(raw.createdAt),
    trainedAt: raw.trainedAt === null ? null : toDate(raw.trainedAt),
    activatedAt: raw.activatedAt === null ? null : toDate(raw.activatedAt),
  };
}

/** Registers a training; fails with a unique violation when one is already running for the tenant. */
export async function insertTrainingModel(
  db: Db,
  tenantId: string,
  input: { dataCutoff: Date; trigger: string; requestedBy: string | null; createdAt: Date },
): Promise<ModelRow> {
  const row = await firstRow<RawModelRow>(
    db,
    sql`insert into models (tenant_id, version, status, data_cutoff, trigger, requested_by, created_at)
        select ${tenantId}::uuid, coalesce(max(version), 0) + 1, 'training', ${input.dataCutoff.toISOString()}::timestamptz,
               ${input.trigger}, ${input.requestedBy}, ${input.createdAt.toISOString()}::timestamptz
        from models where tenant_id = ${tenantId}
        returning ${MODEL_COLUMNS}`,
  );
  return toModelRow(row!);
}

/** One model; `withModel` also reads the (large) trained model JSON. */
export async function findModel(
  db: Db,
  tenantId: string,
  id: string,
  withModel = false,
): Promise<ModelRow | undefined> {
  const row = await firstRow<RawModelRow>(
    db,
    sql`select ${MODEL_COLUMNS}${withModel ? sql`, model` : sql``} from models where tenant_id = ${tenantId} and id = ${id}`,
  );
  return row ? toModelRow(row) : undefined;
}

export async function listModels(db: Db, tenantId: string): Promise<ModelRow[]> {
  const found = await rows<RawModelRow>(
    db,
    sql`select ${MODEL_COLUMNS} from models where tenant_id = ${tenantId} order by version desc`,
  );
  return found.map(toModelRow);
}

export async function findActiveModel(db: Db, tenantId: string): Promise<ModelRow | undefined> {
  const row = await firstRow<RawModelRow>(
    db,
    sql`select ${MODEL_COLUMNS}, model from models where tenant_id = ${tenantId} and active`,
  );
  return row ? toModelRow(row) : undefined;
}

/** Trainings not finished, across tenants (re-queued when the job runner starts). */
export async function listUnfinishedTrainings(
  db: Db,
): Promise<{ tenantId: string; id: string; createdAt: Date }[]> {
  const found = await rows<{ tenantId: string; id: string; createdAt: Date | string }>(
    db,
    sql`select tenant_id as "tenantId", id, created_at as "createdAt" from models where status = 'training'`,
  );
  return found.map((r) => ({ ...r, createdAt: toDate(r.createdAt) }));
}

export async function finishTraining(
  db: Db,
  tenantId: string,
  id: string,
  result: {
    model: unknown;
    metrics: unknown;
    trainingRows: number;
    won: number;
    lost: number;
    features: unknown;
    trainedAt: Date;
  },
): Promise<boolean> {
  const updated = await rows<{ id: string }>(
    db,
    sql`update models set status = 'ready', model = ${JSON.stringify(result.model)}::jsonb,
          metrics = ${JSON.stringify(result.metrics)}::jsonb, training_rows = ${result.trainingRows},
          won = ${result.won}, lost = ${result.lost}, features = ${JSON.stringify(result.features)}::jsonb,
          trained_at = ${result.trainedAt.toISOString()}::timestamptz, error = null
        where tenant_id = ${tenantId} and id = ${id} and status = 'training' returning id`,
  );
  return updated.length > 0;
}

export async function failTraining(
  db: Db,
  tenantId: string,
  id: string,
  error: string,
  at: Date,
): Promise<void> {
  await db.execute(sql`
    update models set status = 'failed', error = ${error.slice(0, 2000)}, trained_at = ${at.toISOString()}::timestamptz
    where tenant_id = ${tenantId} and id = ${id} and status = 'training'`);
}

/** Makes `id` the tenant's only active model (the others stay, for rollback). */
export async function setActiveModel(db: Db, tenantId: string, id: string, at: Date): Promise<void> {
  await db.execute(
    sql`update models set active = false where tenant_id = ${tenantId} and active and id <> ${id}`,
  );
  await db.execute(sql`
    update models set active = true, activated_at = ${at.toISOString()}::timestamptz
    where tenant_id = ${tenantId} and id = ${id}`);
}

export async function findSettings(
  db: Db,
  tenantId: string,
): Promise<PredictiveFieldSettings & { scheduled: boolean }> {
  const row = await firstRow<{ fields: string[] | null; excluded: string[]; scheduled: boolean }>(
    db,
    sql`select fields, excluded, scheduled from predictive_settings where tenant_id = ${tenantId}`,
  );
  return row ?? { fields: null, excluded: [], scheduled: true };
}

export async function saveSettings(
  db: Db,
  tenantId: string,
  settings: PredictiveFieldSettings & { scheduled: boolean },
): Promise<void> {
  await db.execute(sql`
    insert into predictive_settings (tenant_id, fields, excluded, scheduled, updated_at)
    values (${tenantId}, ${settings.fields === null ? null : JSON.stringify(settings.fields)}::jsonb,
            ${JSON.stringify(settings.excluded)}::jsonb, ${settings.scheduled}, now())
    on conflict (tenant_id) do update set fields = excluded.fields, excluded = excluded.excluded,
      scheduled = excluded.scheduled, updated_at = now()`);
}

/** Tenants the weekly schedule may retrain. */
export async function listScheduledTenants(db: Db): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select t.id from tenants t left join predictive_settings s on s.tenant_id = t.id
        where coalesce(s.scheduled, true)`,
  );
  return found.map((r) => r.id);
}
