import type { Lead, LeadScore } from '@triage/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from '../src/db/sql';
import { toDate } from '../src/db/timestamps';
import { insertLeadsBulk } from '../src/modules/leads/bulk-insert-leads';
import { refreshStalePredictions } from '../src/modules/predictive/prediction-refresh.service';
import { predictiveJobs, REFRESH_PREDICTIONS_QUEUE } from '../src/modules/predictive/predictive.jobs';
import { insertTrainingModel, writePredictions } from '../src/modules/predictive/predictive.repository';
import { runTraining } from '../src/modules/predictive/training.service';
import { generateClosedLeads } from './support/predictive-workspace';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(dbTargets())('stored predictions stay current on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let modelId: string;
  let hotLead: Lead;
  let quietLead: Lead;

  const stored = async (leadId: string) => {
    const row = await firstRow<{ p: number | null; model: string | null; at: Date | string | null }>(
      t.database.db,
      sql`select predicted_probability as p, predicted_model_id as model, predicted_at as at from leads where id = ${leadId}`,
    );
    return { p: row?.p ?? null, model: row?.model ?? null, at: row?.at ? toDate(row.at).getTime() : null };
  };
  const live = async (leadId: string) =>
    (await acme.call<LeadScore>('GET', `/v1/leads/${leadId}/score`)).body.predictive.probability;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    await generateClosedLeads(t.app.ctx, acme.tenantId, 300, t.clock.now, 13);
    const registered = await insertTrainingModel(t.database.db, acme.tenantId, {
      dataCutoff: new Date(t.clock.now),
      trigger: 'on_demand',
      requestedBy: null,
      createdAt: new Date(t.clock.now),
    });
    await runTraining(t.app.ctx, acme.tenantId, registered.id);
    modelId = registered.id;
    expect((await acme.call('POST', `/v1/models/${modelId}/activate`)).status).toBe(200);
  }, 120_000);
  afterAll(() => t.close());

  it('a created lead gets its stored probability right after the answer', async () => {
    const created = await acme.call<Lead>('POST', '/v1/leads', {
      email: 'ana@shopmart.com',
      source: 'ads',
      account: { name: 'Shopmart', domain: 'shopmart.com', industry: 'retail', employees: 90 },
    });
    expect(created.status).toBe(201);
    hotLead = created.body;
    await t.app.ctx.predictions.flush();
    const saved = await stored(hotLead.id);
    expect(saved.model).toBe(modelId);
    expect(saved.p).toBeCloseTo((await live(hotLead.id))!, 9);
  });

  it('changing an account re-predicts its leads in the background', async () => {
    const before = await stored(hotLead.id);
    const patched = await acme.call('PATCH', `/v1/accounts/${hotLead.accountId}`, { industry: 'software' });
    expect(patched.status).toBe(200);
    await t.app.ctx.predictions.flush();
    const after = await stored(hotLead.id);
    // Software companies convert far more often in the generated history.
    expect(after.p).toBeGreaterThan(before.p!);
    expect(after.p).toBeCloseTo((await live(hotLead.id))!, 9);
  });

  it('the hourly refresh rewrites a prediction whose engagement has decayed, and only that one', async () => {
    const events = await acme.call('POST', '/v1/events', {
      events: [0, 1, 2].map((n) => ({
        id: `fresh-${n}`,
        leadId: hotLead.id,
        type: 'pricing_page_view',
        occurredAt: new Date(t.clock.now - HOUR).toISOString(),
      })),
    });
    expect(events.status).toBe(200);
    quietLead = (await acme.call<Lead>('POST', '/v1/leads', { email: 'bo@quietco.com', source: 'website' }))
      .body;
    await t.app.ctx.predictions.flush();
    const predictedAt = (await stored(hotLead.id)).at!;

    // Nothing is older than six hours yet: the refresh finds nothing to do.
    t.clock.now += 2 * HOUR;
    expect(await refreshStalePredictions(t.app.ctx)).toEqual({ tenants: 1, repredicted: 0 });

    // Weeks later the pricing views have decayed; the lead without activity reads the same as before.
    t.clock.now += 30 * DAY;
    const quietBefore = await stored(quietLead.id);
    expect(await refreshStalePredictions(t.app.ctx)).toEqual({ tenants: 1, repredicted: 1 });
    const refreshed = await stored(hotLead.id);
    expect(refreshed.at).toBe(t.clock.now);
    expect(refreshed.at).toBeGreaterThan(predictedAt);
    expect(refreshed.p).toBeCloseTo((await live(hotLead.id))!, 9);
    expect(await stored(quietLead.id)).toEqual(quietBefore);
    expect(await refreshStalePredictions(t.app.ctx)).toEqual({ tenants: 1, repredicted: 0 });
  });

  it('a prediction computed from older data never overwrites a newer one, whatever order they finish in', async () => {
    const current = await stored(hotLead.id);
    await writePredictions(
      t.database.db,
      acme.tenantId,
      [{ id: hotLead.id, probability: 0.01 }],
      modelId,
      new Date(current.at! - 60_000),
    );
    expect(await stored(hotLead.id)).toEqual(current);
    await writePredictions(
      t.database.db,
      acme.tenantId,
      [{ id: hotLead.id, probability: 0.02 }],
      modelId,
      new Date(current.at! + 60_000),
    );
    expect(await stored(hotLead.id)).toMatchObject({ p: 0.02, at: current.at! + 60_000 });
  });

  it('the refresh job predicts leads that arrived without a prediction (bulk paths)', async () => {
    const policy = await t.app.ctx.policies.get(acme.tenantId);
    const created = await t.database.db.transaction((tx) =>
      insertLeadsBulk(
        tx,
        acme.tenantId,
        [{ email: 'cy@bulkco.com', source: 'referral' }],
        policy,
        new Date(t.clock.now),
        {
          kind: 'import',
          id: null,
        },
      ),
    );
    const leadId = created.get('cy@bulkco.com')!;
    expect((await stored(leadId)).p).toBeNull();
    const job = predictiveJobs(t.app.ctx).find((d) => d.queue === REFRESH_PREDICTIONS_QUEUE)!;
    expect(job.cron).toBe('20 * * * *');
    await job.handler({});
    const saved = await stored(leadId);
    expect(saved.model).toBe(modelId);
    expect(saved.p).toBeCloseTo((await live(leadId))!, 9);
  });
});
