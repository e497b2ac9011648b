import type {
  Lead,
  LeadScore,
  ModelAnalytics,
  PredictiveModel,
  PredictiveModelList,
  TrainResult,
} from '@triage/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from '../src/db/sql';
import { generateClosedLeads } from './support/predictive-workspace';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const DAY = 86_400_000;

async function waitForModel(tenant: TestTenant, id: string): Promise<PredictiveModel> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const found = await tenant.call<PredictiveModel>('GET', `/v1/models/${id}`);
    if (found.body.status !== 'training') return found.body;
    if (Date.now() > deadline) throw new Error(`model ${id} still training`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function trainAndWait(tenant: TestTenant): Promise<PredictiveModel> {
  const train = await tenant.call<TrainResult>('POST', '/v1/models/train');
  expect(train.status).toBe(202);
  return waitForModel(tenant, train.body.modelId);
}

describe.each(dbTargets())('predictive scoring API on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let small: TestTenant;
  let globex: TestTenant;
  let referralLead: Lead;
  let adsLead: Lead;
  let firstModel: PredictiveModel;
  let secondModel: PredictiveModel;

  beforeAll(async () => {
    t = await startTestApp(target, { jobs: { pollingIntervalSeconds: 0.5 } });
    acme = await t.tenant('Acme');
    small = await t.tenant('Tiny Startup');
    globex = await t.tenant('Globex');
    await generateClosedLeads(t.app.ctx, acme.tenantId, 300, t.clock.now);
    await generateClosedLeads(t.app.ctx, small.tenantId, 12, t.clock.now, 3, 'small');
    const open = async (email: string, source: string, industry: string) =>
      (
        await acme.call<Lead>('POST', '/v1/leads', {
          email,
          source,
          title: 'Sales Manager',
          account: { name: email.split('@')[1], domain: email.split('@')[1], industry, employees: 200 },
        })
      ).body;
    referralLead = await open('ria@brightsoft.io', 'referral', 'software');
    adsLead = await open('abe@shopmart.com', 'ads', 'retail');
  }, 120_000);
  afterAll(() => t.close());

  it('in cold start, scores fit + engagement, says why, and refuses to train with the counts', async () => {
    const lead = await small.call<Lead>('POST', '/v1/leads', { email: 'new@tinyco.io', source: 'referral' });
    const score = await small.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    expect(score.body.predictive.status).toBe('cold_start');
    expect(score.body.predictive.probability).toBeNull();
    expect(score.body.predictive.explanation).toMatch(/12 closed leads/);
    expect(score.body.predictive.explanation).toMatch(/200/);
    expect(score.body.predictive.explanation).toMatch(/fit \+ engagement/);
    expect(score.body.predictive.contributions.map((c) => c.label).join(' ')).toMatch(/Fit .*Engagement/);

    const refused = await small.call<{ error: string; message: string }>('POST', '/v1/models/train');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('not_enough_history');
    expect(refused.body.message).toMatch(/12 closed leads/);
    expect(refused.body.message).toMatch(/200/);
    expect((await small.call<PredictiveModelList>('GET', '/v1/models')).body.items).toHaveLength(0);
  });

  it('with enough history but no model yet, still shows the fallback and says a model can be trained', async () => {
    const score = await acme.call<LeadScore>('GET', `/v1/leads/${referralLead.id}/score`);
    expect(score.body.predictive.status).toBe('cold_start');
    expect(score.body.predictive.explanation).toMatch(/300 closed leads are enough/);
  });

  it('trains as a background job (one at a time) and lists the version with held-out metrics', async () => {
    const train = await acme.call<TrainResult>('POST', '/v1/models/train');
    expect(train.status).toBe(202);
    expect(train.body.status).toBe('training');
    const again = await acme.call<{ error: string }>('POST', '/v1/models/train');
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('training_in_progress');

    firstModel = await waitForModel(acme, train.body.modelId);
    expect(firstModel.error).toBeNull();
    expect(firstModel.status).toBe('ready');
    const list = await acme.call<PredictiveModelList>('GET', '/v1/models');
    const listed = list.body.items[0]!;
    expect(listed.id).toBe(firstModel.id);
    expect(listed.version).toBe(1);
    expect(listed.active).toBe(false);
    expect(listed.trainingRows).toBe(300);
    expect(listed.won! + listed.lost!).toBe(300);
    expect(listed.won).toBeGreaterThanOrEqual(40);
    expect(listed.lost).toBeGreaterThanOrEqual(40);
    const metrics = listed.metrics!;
    expect(metrics.holdout).toMatchObject({ scheme: 'latest-holdout', trainRows: 240, rows: 60 });
    expect(metrics.model.rocAuc).toBeGreaterThan(0.7);
    expect(metrics.naiveBayes.rocAuc).not.toBeNull();
    expect(metrics.model.logLoss).toBeGreaterThan(0);
    expect(metrics.model.brierScore).toBeGreaterThan(0);
    expect(metrics.reliability).toHaveLength(10);
    expect(metrics.lift.length).toBeGreaterThan(0);
    expect(Date.parse(listed.dataCutoff)).toBe(t.clock.now);
    const features = listed.features.map((f) => f.name);
    expect(features).toEqual(
      expect.arrayContaining(['lead.source', 'account.industry', 'activity.pricing_page_view']),
    );
    // The meeting each won lead had after its hand-off is not visible at the decision moment.
    expect(features).not.toContain('activity.meeting_held');
    expect(features.some((name) => /stage|owner|disqualif|close/i.test(name))).toBe(false);
  }, 120_000);

  it('activation re-predicts open leads; the score shows the probability and its planted top reason', async () => {
    const activated = await acme.call<{ model: PredictiveModel; rescored: number }>(
      'POST',
      `/v1/models/${firstModel.id}/activate`,
    );
    expect(activated.status).toBe(200);
    expect(activated.body.model.active).toBe(true);
    expect(activated.body.rescored).toBe(2);

    const good = (await acme.call<LeadScore>('GET', `/v1/leads/${referralLead.id}/score`)).body.predictive;
    const poor = (await acme.call<LeadScore>('GET', `/v1/leads/${adsLead.id}/score`)).body.predictive;
    expect(good.status).toBe('model');
    expect(good.modelVersion).toBe(1);
    expect(good.probability).toBeGreaterThan(poor.probability!);
    expect(good.score).toBe(Math.round(good.probability! * 100));
    expect(good.explanation).toMatch(/from model version 1/);
    expect(good.contributions[0]!.label).toMatch(/Lead source: referral|Industry: software/i);
    expect(good.contributions[0]!.points).toBeGreaterThan(0);
    expect(poor.contributions.some((c) => c.points < 0)).toBe(true);

    const stored = await firstRow<{ p: number; model: string }>(
      t.database.db,
      sql`select predicted_probability as p, predicted_model_id as model from leads where id = ${referralLead.id}`,
    );
    expect(stored?.model).toBe(firstModel.id);
    expect(stored?.p).toBeCloseTo(good.probability!, 9);
  });

  it('a new event re-predicts the lead', async () => {
    const before = (await acme.call<LeadScore>('GET', `/v1/leads/${adsLead.id}/score`)).body.predictive;
    const at = new Date(t.clock.now - DAY).toISOString();
    const sent = await acme.call('POST', '/v1/events', {
      events: [0, 1, 2].map((n) => ({
        id: `price-${n}`,
        leadId: adsLead.id,
        type: 'pricing_page_view',
        occurredAt: at,
      })),
    });
    expect(sent.status).toBe(200);
    const after = (await acme.call<LeadScore>('GET', `/v1/leads/${adsLead.id}/score`)).body.predictive;
    expect(after.probability).toBeGreaterThan(before.probability!);
    await t.app.ctx.predictions.flush();
    const stored = await firstRow<{ p: number }>(
      t.database.db,
      sql`select predicted_probability as p from leads where id = ${adsLead.id}`,
    );
    expect(stored?.p).toBeCloseTo(after.probability!, 9);
  });

  it('a patched lead is re-predicted', async () => {
    const before = (await acme.call<LeadScore>('GET', `/v1/leads/${adsLead.id}/score`)).body.predictive;
    const patched = await acme.call('PATCH', `/v1/leads/${adsLead.id}`, { source: 'referral' });
    expect(patched.status).toBe(200);
    const after = (await acme.call<LeadScore>('GET', `/v1/leads/${adsLead.id}/score`)).body.predictive;
    expect(after.probability).toBeGreaterThan(before.probability!);
    expect(after.contributions.map((c) => c.label)).toContain('Lead source: referral');
    await t.app.ctx.predictions.flush();
    const stored = await firstRow<{ p: number }>(
      t.database.db,
      sql`select predicted_probability as p from leads where id = ${adsLead.id}`,
    );
    expect(stored?.p).toBeCloseTo(after.probability!, 9);
  });

  it('a second version can be activated and the first one restored (rollback)', async () => {
    secondModel = await trainAndWait(acme);
    expect(secondModel.version).toBe(2);
    expect((await acme.call('POST', `/v1/models/${secondModel.id}/activate`)).status).toBe(200);
    let list = (await acme.call<PredictiveModelList>('GET', '/v1/models')).body.items;
    expect(list.filter((m) => m.active).map((m) => m.version)).toEqual([2]);
    expect(
      (await acme.call<LeadScore>('GET', `/v1/leads/${referralLead.id}/score`)).body.predictive.modelVersion,
    ).toBe(2);

    const rollback = await acme.call('POST', `/v1/models/${firstModel.id}/activate`);
    expect(rollback.status).toBe(200);
    list = (await acme.call<PredictiveModelList>('GET', '/v1/models')).body.items;
    expect(list.map((m) => [m.version, m.active])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(
      (await acme.call<LeadScore>('GET', `/v1/leads/${referralLead.id}/score`)).body.predictive.modelVersion,
    ).toBe(1);
  }, 120_000);

  it('the dashboard reads the active model reliability curve and lift by band', async () => {
    const analytics = (await acme.call<ModelAnalytics>('GET', '/v1/analytics/model')).body;
    expect(analytics.active).toBe(true);
    expect(analytics.modelVersion).toBe(1);
    expect(analytics.reliability).toHaveLength(10);
    expect(analytics.reliability.reduce((sum, bin) => sum + bin.count, 0)).toBe(60);
    expect(analytics.lift[0]!.band).toBe(1);
    expect(analytics.lift[0]!.lift).toBeGreaterThan(1);
    expect(analytics.openLeadsByBand.reduce((sum, band) => sum + band.leads, 0)).toBe(2);
    const empty = (await small.call<ModelAnalytics>('GET', '/v1/analytics/model')).body;
    expect(empty).toMatchObject({ active: false, modelId: null, reliability: [], lift: [] });
  });

  it('the field list can be edited, and excluded fields are left out of the next training', async () => {
    const saved = await acme.call('PATCH', '/v1/models/settings', { excluded: ['lead.source'] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ fields: null, excluded: ['lead.source'], scheduled: true });
    const third = await trainAndWait(acme);
    expect(third.features.map((f) => f.name)).not.toContain('lead.source');
    expect(third.excludedFields).toContainEqual({ name: 'lead.source', reason: 'left out in the settings' });
    const bad = await acme.call('PATCH', '/v1/models/settings', { excluded: 'lead.source' });
    expect(bad.status).toBe(400);
  }, 120_000);

  it('another tenant sees none of it', async () => {
    expect((await globex.call('GET', `/v1/models/${firstModel.id}`)).status).toBe(404);
    expect((await globex.call('POST', `/v1/models/${firstModel.id}/activate`)).status).toBe(404);
    expect((await globex.call<PredictiveModelList>('GET', '/v1/models')).body.items).toHaveLength(0);
    expect((await globex.call('GET', `/v1/leads/${referralLead.id}/score`)).status).toBe(404);
  });
});
