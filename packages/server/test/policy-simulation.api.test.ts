import type { PolicySimulationView } from '@triage/contracts';
import { DEFAULT_POLICY, type ScoringPolicy } from '@triage/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/sql';
import type { HttpError } from '../src/http-error';
import { runPolicySimulation } from '../src/modules/policy/policy-simulation.service';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CREATED = T0 - 30 * DAY;
/** A new tenant's live policy. */
const live = DEFAULT_POLICY;

interface ErrorBody {
  error: string;
  issues?: { location?: string; pointer: string; message: string }[];
}

/** Industry, size, revenue, territory, seniority and department: fit 90 under the default policy. */
const idealAccount = (domain: string) => ({
  name: domain,
  domain,
  industry: 'software',
  employees: 200,
  annualRevenue: 10_000_000,
  country: 'US',
});

describe.each(dbTargets())('POST /v1/policy/simulate on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;
  const ids = new Map<string, string>();

  async function createLead(tenant: TestTenant, name: string, fields: Record<string, unknown>) {
    t.clock.now = CREATED;
    const created = await tenant.call<{ id: string }>('POST', '/v1/leads', {
      email: `${name}@${name}.io`,
      ...fields,
    });
    expect(created.status).toBe(201);
    ids.set(name, created.body.id);
    return created.body.id;
  }

  /** Sends each event a minute after it happened, as a live integration would, so the recorded stages are live ones. */
  async function engage(tenant: TestTenant, leadId: string, events: [type: string, hours: number][]) {
    for (const [type, hours] of events) {
      const at = CREATED + hours * HOUR;
      t.clock.now = at + 60_000;
      const sent = await tenant.call('POST', '/v1/events', {
        events: [{ id: `${leadId}-${type}-${hours}`, leadId, type, occurredAt: new Date(at).toISOString() }],
      });
      expect(sent.status).toBe(200);
    }
  }

  const simulate = (tenant: TestTenant, body: unknown) =>
    tenant.call<PolicySimulationView & ErrorBody>('POST', '/v1/policy/simulate', body);

  const withMinEngagement = (minEngagement: number): ScoringPolicy => ({
    ...live,
    lifecycle: { ...live.lifecycle, mql: { ...live.lifecycle.mql, minEngagement } },
  });

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
    // Three leads reach 40 points within six hours (webinar, reply, webinar): MQLs under 30 and under 20.
    for (const name of ['hot1', 'hot2', 'hot3']) {
      const id = await createLead(acme, name, { title: 'VP of Sales', account: idealAccount(`${name}.io`) });
      await engage(acme, id, [
        ['webinar_attended', 2],
        ['email_reply', 4],
        ['webinar_attended', 6],
      ]);
    }
    // Two stop at 25 (webinar, then a reply a day later): MQLs only if the bar were 20.
    for (const name of ['warm1', 'warm2']) {
      const id = await createLead(acme, name, { title: 'VP of Sales', account: idealAccount(`${name}.io`) });
      await engage(acme, id, [
        ['webinar_attended', 24],
        ['email_reply', 48],
      ]);
    }
    // A poor fit who asks for a demo (MQL either way) and one who only opens an email (never).
    await engage(acme, await createLead(acme, 'raiser', { title: 'Software Engineer' }), [
      ['demo_request', 12],
    ]);
    await engage(
      acme,
      await createLead(acme, 'cold', { title: 'VP of Sales', account: idealAccount('cold.io') }),
      [['email_open', 3]],
    );
    // What really happened: a rep accepted warm1 without waiting for a score; warm2 had no budget.
    t.clock.now = CREATED + 5 * DAY;
    expect((await acme.call('POST', `/v1/leads/${ids.get('warm1')}/transitions`, { to: 'sal' })).status).toBe(
      201,
    );
    const dq = await acme.call('POST', `/v1/leads/${ids.get('warm2')}/transitions`, {
      to: 'disqualified',
      reason: 'no_budget',
    });
    expect(dq.status).toBe(201);
    // Another tenant's leads in the same period, engaged enough to qualify under any bar.
    for (const name of ['other1', 'other2']) {
      const id = await createLead(globex, name, {
        title: 'VP of Sales',
        account: idealAccount(`${name}.io`),
      });
      await engage(globex, id, [['demo_request', 1]]);
    }
    t.clock.now = T0;
  }, 120_000);
  afterAll(() => t.close());

  it('a lower engagement bar gains the two leads that stopped at 25, and shows how they really turned out', async () => {
    const result = await simulate(acme, { policy: withMinEngagement(20), from: '2026-04-01' });
    expect(result.status).toBe(200);
    const body = result.body;
    expect(body.replayed).toMatchObject({
      from: '2026-04-01T00:00:00.000Z',
      to: new Date(T0).toISOString(),
      leads: 7,
      events: 15,
      notReplayable: 0,
      recordedQualified: 4,
      currentVersion: 1,
    });
    expect(body.current).toMatchObject({
      leads: 4,
      byStage: { mql: 4, pql: 0, cql: 0 },
      byRule: { fitAndEngagement: 3, handRaiser: 1 },
      medianHoursToQualify: 6,
    });
    expect(body.draft).toMatchObject({ leads: 6, byRule: { fitAndEngagement: 5, handRaiser: 1 } });
    expect(body.lost).toMatchObject({ leads: 0, examples: [] });
    expect(body.gained).toMatchObject({
      leads: 2,
      outcomes: { reachedSal: 1, reachedSql: 0, disqualified: 1, open: 1 },
      rates: { sal: 0.5, sql: 0 },
    });
    // The lead that went furthest comes first, with both verdicts explained.
    const [first, second] = body.gained.examples;
    expect(first).toMatchObject({
      leadId: ids.get('warm1'),
      email: 'warm1@warm1.io',
      outcome: { furthest: 'sal', state: 'open', stage: 'sal' },
      current: { qualified: false, reason: 'engagement_below' },
      draft: {
        qualified: true,
        stage: 'mql',
        rule: 'fit_and_engagement',
        at: new Date(CREATED + 48 * HOUR).toISOString(),
        hoursToQualify: 48,
      },
    });
    expect(first?.current.why).toMatch(/^Not qualified: fit 90 reaches 60; engagement peaked at 2\d\.\d on /);
    expect(first?.draft.fit.score).toBe(90);
    expect(first?.draft.fit.lines.map((line) => line.ruleId)).toContain('decision-maker');
    expect(second).toMatchObject({ leadId: ids.get('warm2'), outcome: { state: 'disqualified' } });
  });

  it('a draft equal to the live policy changes nothing', async () => {
    const result = await simulate(acme, { policy: live, from: '2026-04-01' });
    expect(result.status).toBe(200);
    expect(result.body.draft).toEqual(result.body.current);
    expect(result.body.gained.leads + result.body.lost.leads).toBe(0);
    expect(result.body.both.leads).toBe(4);
  });

  it('counts only the tenant’s own leads', async () => {
    const result = await simulate(globex, { policy: withMinEngagement(20) });
    expect(result.status).toBe(200);
    expect(result.body.replayed).toMatchObject({ leads: 2, events: 2 });
    expect(result.body.current.leads).toBe(2);
  });

  it('the default period is the last 90 days; an earlier period holds none of these leads', async () => {
    const byDefault = await simulate(acme, { policy: live });
    expect(byDefault.body.replayed).toMatchObject({
      from: new Date(T0 - 90 * DAY).toISOString(),
      to: new Date(T0).toISOString(),
      leads: 7,
    });
    const before = await simulate(acme, { policy: live, from: '2026-01-01', to: '2026-03-31' });
    expect(before.status).toBe(200);
    expect(before.body.replayed).toMatchObject({ to: '2026-04-01T00:00:00.000Z', leads: 0 });
    expect(before.body.current.medianHoursToQualify).toBeNull();
  });

  it('stores nothing: the policy version, the stages and the transitions stay as they were', async () => {
    const count = async () =>
      (
        await rows<{ n: number | string }>(
          t.database.db,
          sql`select count(*) as n from stage_transitions where tenant_id = ${acme.tenantId}`,
        )
      )[0]?.n;
    const transitionsBefore = await count();
    await simulate(acme, { policy: withMinEngagement(0) });
    const policy = await acme.call<{ version: number }>('GET', '/v1/policy');
    expect(policy.body.version).toBe(1);
    expect(await count()).toBe(transitionsBefore);
    const cold = await acme.call<{ stage: string }>('GET', `/v1/leads/${ids.get('cold')}`);
    expect(cold.body.stage).toBe('lead');
  });

  it('a period with more leads than one run replays is refused with a 422 naming the period', async () => {
    const current = await t.app.ctx.policies.get(acme.tenantId);
    const refused = await runPolicySimulation(
      t.database.db,
      acme.tenantId,
      current,
      { policy: live },
      T0,
      5,
    ).catch((error: HttpError) => error);
    expect(refused).toMatchObject({
      statusCode: 422,
      code: 'period_too_large',
      issues: [{ location: 'body', pointer: '/from' }],
    });
  });

  it.each([
    [
      'a policy the publish would refuse',
      {
        policy: { ...live, engagement: { ...live.engagement, heatTiers: { warm: 50, hot: 40, onFire: 80 } } },
      },
      '/policy/engagement/heatTiers/hot',
    ],
    [
      'an unknown framework',
      { policy: { ...live, frameworks: { default: 'nope' } } },
      '/policy/frameworks/default',
    ],
    ['no policy', { from: '2026-04-01' }, '/policy'],
    ['an unknown key', { policy: live, note: 'x' }, '/note'],
    ['a date that is not one', { policy: live, from: 'last month' }, '/from'],
    ['to before from', { policy: live, from: '2026-05-01', to: '2026-04-01' }, '/to'],
    ['a period over 366 days', { policy: live, from: '2025-01-01', to: '2026-05-01' }, '/from'],
  ])('refuses %s with a 400 at the field', async (_what, body, pointer) => {
    const result = await simulate(acme, body);
    expect(result.status).toBe(400);
    expect(result.body.issues?.map((issue) => issue.pointer)).toContain(pointer);
  });
});
