import type { PredictiveModel } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { insertTrainingModel } from '../src/modules/predictive/predictive.repository';
import { generateClosedLeads } from './support/predictive-workspace';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

type App = Awaited<ReturnType<typeof buildApp>>;

describe.each(dbTargets())('durable model training on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let restarted: App | undefined;

  const callOn = async <T>(app: App, method: 'GET' | 'POST', url: string) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${acme.apiKey}` } });
    return { status: response.statusCode, body: response.json() as T };
  };

  beforeAll(async () => {
    t = await startTestApp(target, { jobs: { pollingIntervalSeconds: 0.5 } });
    acme = await t.tenant('Acme');
    await generateClosedLeads(t.app.ctx, acme.tenantId, 220, t.clock.now, 11);
  });
  afterAll(async () => {
    await restarted?.close();
    await t.database.close();
  });

  it('refuses to train, saying why, in a process that runs no job runner', async () => {
    const apiOnly = await buildApp({ database: t.database, now: () => t.clock.now });
    try {
      const refused = await callOn<{ error: string }>(apiOnly, 'POST', '/v1/models/train');
      expect(refused.status).toBe(503);
      expect(refused.body.error).toBe('jobs_unavailable');
    } finally {
      await apiOnly.close();
    }
  });

  it('a training registered before the process stopped is finished after the restart', async () => {
    // The process stops after registering the training and before its job is queued (the worst moment).
    const lost = await insertTrainingModel(t.database.db, acme.tenantId, {
      dataCutoff: new Date(t.clock.now),
      trigger: 'on_demand',
      requestedBy: null,
      createdAt: new Date(t.clock.now),
    });
    await t.app.close();

    restarted = await buildApp({
      database: t.database,
      now: () => t.clock.now,
      jobs: { pollingIntervalSeconds: 0.5 },
    });
    const app = restarted;
    const deadline = Date.now() + 60_000;
    let model = (await callOn<PredictiveModel>(app, 'GET', `/v1/models/${lost.id}`)).body;
    while (model.status === 'training' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      model = (await callOn<PredictiveModel>(app, 'GET', `/v1/models/${lost.id}`)).body;
    }
    expect(model.status).toBe('ready');
    expect(model.trainingRows).toBe(220);
    expect(model.metrics?.model.rocAuc).toBeGreaterThan(0.6);
  }, 90_000);
});
