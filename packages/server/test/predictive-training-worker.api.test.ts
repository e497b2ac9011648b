import type { Lead, PredictiveModel } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTrainingModel } from '../src/modules/predictive/predictive.repository';
import { runTraining, type TrainingPhase } from '../src/modules/predictive/training.service';
import { generateClosedLeads } from './support/predictive-workspace';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

describe.each(dbTargets())('the API while a model trains on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
    await generateClosedLeads(t.app.ctx, acme.tenantId, 400, t.clock.now, 5);
  }, 120_000);
  afterAll(() => t.close());

  it('answers other requests, of this tenant and of others, before the training has finished', async () => {
    const lead = (await globex.call<Lead>('POST', '/v1/leads', { email: 'kim@initech.io' })).body;
    const registered = await insertTrainingModel(t.database.db, acme.tenantId, {
      dataCutoff: new Date(t.clock.now),
      trigger: 'on_demand',
      requestedBy: null,
      createdAt: new Date(t.clock.now),
    });
    const phases: TrainingPhase[] = [];
    let answered: Promise<{ phaseWhenAnswered: TrainingPhase | undefined; statuses: number[] }> | undefined;
    await runTraining(t.app.ctx, acme.tenantId, registered.id, {
      onPhase: (phase) => {
        phases.push(phase);
        if (phase !== 'training') return;
        // Sent as the CPU part starts; each answer records how far the training had got when it came back.
        answered = Promise.all([
          t.app.inject({ method: 'GET', url: '/healthz' }).then((r) => r.statusCode),
          globex.call('GET', `/v1/leads/${lead.id}`).then((r) => r.status),
          acme.call('GET', '/v1/models').then((r) => r.status),
        ]).then((statuses) => ({ phaseWhenAnswered: phases.at(-1), statuses }));
      },
    });
    const result = await answered!;
    expect(result.statuses).toEqual([200, 200, 200]);
    expect(result.phaseWhenAnswered).toBe('training');
    expect(phases).toEqual(['loading', 'training', 'storing']);

    const model = (await acme.call<PredictiveModel>('GET', `/v1/models/${registered.id}`)).body;
    expect(model.status).toBe('ready');
    expect(model.trainingRows).toBe(400);
    expect(model.metrics?.model.rocAuc).toBeGreaterThan(0.6);
  }, 120_000);
});
