import type { AssessmentView, Funnel, Lead, Transition } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const HOUR = 3_600_000;

describe.each(dbTargets())('stages, frameworks and the funnel on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
  });
  afterAll(() => t.close());

  const newLead = async (email: string) => (await acme.call<Lead>('POST', '/v1/leads', { email })).body;
  const move = (id: string, body: object, tenant = acme) =>
    tenant.call<{ transition: Transition; lead: Lead; allowed?: string[]; issues?: { pointer: string }[] }>(
      'POST',
      `/v1/leads/${id}/transitions`,
      body,
    );

  it('moves a lead along the table and records who, what, why and when', async () => {
    const lead = await newLead('walk@northwind.com');
    t.clock.now = T0 + HOUR;
    expect((await move(lead.id, { to: 'mql' })).status).toBe(201);
    t.clock.now = T0 + 3 * HOUR;
    const accepted = await move(lead.id, { to: 'sal', note: 'Called, she wants a demo' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.lead.stage).toBe('sal');
    expect(accepted.body.lead.firstContactedAt).toBe(new Date(T0 + 3 * HOUR).toISOString());
    t.clock.now = T0;
    const history = await acme.call<{ items: Transition[] }>('GET', `/v1/leads/${lead.id}/transitions`);
    expect(history.body.items.map((h) => [h.from, h.to])).toEqual([
      [null, 'lead'],
      ['lead', 'mql'],
      ['mql', 'sal'],
    ]);
    expect(history.body.items[2]).toMatchObject({
      note: 'Called, she wants a demo',
      actor: { kind: 'api_key' },
    });
  });

  it('refuses an illegal move with the stages that are allowed, and changes nothing', async () => {
    const lead = await newLead('jump@northwind.com');
    const refused = await move(lead.id, { to: 'customer' });
    expect(refused.status).toBe(409);
    expect(refused.body.allowed).toEqual(expect.arrayContaining(['mql', 'disqualified']));
    expect(refused.body.allowed).not.toContain('customer');
    const after = await acme.call<Lead>('GET', `/v1/leads/${lead.id}`);
    expect(after.body.stage).toBe('lead');
  });

  it('needs a reason to disqualify, and text when the reason is other', async () => {
    const lead = await newLead('dq@northwind.com');
    const noReason = await move(lead.id, { to: 'disqualified' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues?.[0]?.pointer).toBe('/reason');
    const otherWithoutText = await move(lead.id, { to: 'disqualified', reason: 'other' });
    expect(otherWithoutText.status).toBe(400);
    expect(otherWithoutText.body.issues?.[0]?.pointer).toBe('/reasonText');
    const unknownReason = await move(lead.id, { to: 'disqualified', reason: 'too_expensive' });
    expect(unknownReason.status).toBe(400);
    const ok = await move(lead.id, { to: 'disqualified', reason: 'no_budget' });
    expect(ok.status).toBe(201);
    expect(ok.body.lead.disqualificationReason).toBe('no_budget');
    expect((await move(lead.id, { to: 'mql' }, globex)).status).toBe(404);
  });

  it('evaluates BANT 3 of 4, lists missing criteria and next questions, and a pass in SAL qualifies the lead', async () => {
    const lead = await newLead('bant@northwind.com');
    await move(lead.id, { to: 'mql' });
    await move(lead.id, { to: 'sal' });
    const empty = await acme.call<AssessmentView>('GET', `/v1/leads/${lead.id}/assessments/bant`);
    expect(empty.body.result).toBe('undecided');
    expect(empty.body.nextQuestions.length).toBe(4);
    expect(empty.body.nextQuestions[0]!.questions.length).toBeGreaterThanOrEqual(3);
    const two = await acme.call<AssessmentView>('PUT', `/v1/leads/${lead.id}/assessments/bant`, {
      criteria: { budget: { status: 'met', evidence: '40k approved for Q3' }, need: { status: 'met' } },
    });
    expect(two.status).toBe(200);
    expect(two.body.result).toBe('undecided');
    expect(two.body.missing.sort()).toEqual(['authority', 'timeline']);
    const three = await acme.call<AssessmentView>('PUT', `/v1/leads/${lead.id}/assessments/bant`, {
      criteria: {
        budget: { status: 'met', evidence: '40k approved for Q3' },
        need: { status: 'met' },
        authority: { status: 'met', evidence: 'VP Sales signs' },
      },
    });
    expect(three.body.result).toBe('pass');
    expect(three.body.criteria.find((c) => c.key === 'budget')).toMatchObject({
      evidence: '40k approved for Q3',
      source: 'rep',
    });
    const after = await acme.call<Lead>('GET', `/v1/leads/${lead.id}`);
    expect(after.body.stage).toBe('sql');
  });

  it('fails at the first failing level and refuses criteria the framework does not have', async () => {
    const lead = await newLead('fail@northwind.com');
    const failed = await acme.call<AssessmentView>('PUT', `/v1/leads/${lead.id}/assessments/bant`, {
      criteria: {
        budget: { status: 'not_met' },
        need: { status: 'not_met' },
        authority: { status: 'not_met' },
      },
    });
    expect(failed.body.result).toBe('fail');
    expect(failed.body.failingLevel).toBe('organization');
    const unknownKey = await acme.call<{ issues: { pointer: string }[] }>(
      'PUT',
      `/v1/leads/${lead.id}/assessments/bant`,
      {
        criteria: { champion: { status: 'met' } },
      },
    );
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.issues[0]!.pointer).toBe('/criteria/champion');
    const stillFailed = await acme.call<AssessmentView>('GET', `/v1/leads/${lead.id}/assessments/bant`);
    expect(stillFailed.body.result).toBe('fail');
    expect((await acme.call('GET', `/v1/leads/${lead.id}/assessments/nosuch`)).status).toBe(404);
    expect((await globex.call('GET', `/v1/leads/${lead.id}/assessments/bant`)).status).toBe(404);
  });

  it('lists the seven built-in frameworks', async () => {
    const list = await acme.call<{ items: { key: string }[] }>('GET', '/v1/frameworks');
    expect(list.body.items.map((f) => f.key)).toEqual([
      'bant',
      'anum',
      'faint',
      'champ',
      'meddic',
      'meddpicc',
      'gpctba_ci',
    ]);
  });

  it('reports the funnel: counts, conversion, time in stage and disqualification reasons', async () => {
    const funnel = await acme.call<Funnel>('GET', '/v1/analytics/funnel?from=2026-05-01&to=2026-06-30');
    expect(funnel.status).toBe(200);
    const stage = (s: string) => funnel.body.stages.find((x) => x.stage === s)!;
    expect(stage('sql').current).toBeGreaterThanOrEqual(1);
    expect(stage('disqualified').current).toBeGreaterThanOrEqual(1);
    const mqlToSal = funnel.body.conversions.find((c) => c.from === 'mql' && c.to === 'sal')!;
    expect(mqlToSal.entered).toBe(2);
    expect(mqlToSal.converted).toBe(2);
    expect(mqlToSal.rate).toBe(1);
    const mqlTime = funnel.body.timeInStage.find((x) => x.stage === 'mql')!;
    expect(mqlTime.samples).toBeGreaterThanOrEqual(1);
    expect(mqlTime.medianHours).not.toBeNull();
    expect(funnel.body.disqualificationReasons).toEqual([{ reason: 'no_budget', count: 1 }]);
    const globexFunnel = await globex.call<Funnel>(
      'GET',
      '/v1/analytics/funnel?from=2026-05-01&to=2026-06-30',
    );
    expect(globexFunnel.body.disqualificationReasons).toEqual([]);
    const bad = await acme.call<{ issues: { pointer: string }[] }>(
      'GET',
      '/v1/analytics/funnel?from=2026-07-01&to=2026-06-01',
    );
    expect(bad.status).toBe(400);
  });
});
