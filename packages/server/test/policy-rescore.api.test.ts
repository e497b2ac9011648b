import type { Lead } from '@triage/contracts';
import type { ScoringPolicy } from '@triage/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/sql';
import { insertLeadsBulk } from '../src/modules/leads/bulk-insert-leads';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const DAY = 86_400_000;
// More than two re-score batches of 5,000, so batches written side by side are exercised.
const LEADS = 12_000;

describe.each(dbTargets())('publishing a policy re-scores every lead on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    const policy = await t.app.ctx.policies.get(acme.tenantId);
    const inputs = Array.from({ length: LEADS }, (_, i) => ({
      email: `lead${i}@company${i % 50}.com`,
      title: i % 2 === 0 ? 'VP of Sales' : 'Software Engineer',
    }));
    await insertLeadsBulk(t.database.db, acme.tenantId, inputs, policy, new Date(T0), {
      kind: 'import',
      id: null,
    });
  }, 120_000);
  afterAll(() => t.close());

  const livePolicy = async () =>
    (await acme.call<{ policy: ScoringPolicy }>('GET', '/v1/policy')).body.policy;
  const publish = (policy: ScoringPolicy) =>
    acme.call<{ version: number; rescoredLeads: number }>('PUT', '/v1/policy', { policy });

  it('new ICP weights: every lead gets the fit a lead created under the new policy gets', async () => {
    const before = await livePolicy();
    const heavier = {
      ...before,
      icp: {
        ...before.icp,
        rules: before.icp.rules.map((rule) =>
          rule.id === 'decision-maker' ? { ...rule, weight: rule.weight + 25 } : rule,
        ),
      },
    };
    const published = await publish(heavier);
    expect(published.status).toBe(201);
    expect(published.body.rescoredLeads).toBe(LEADS);

    const vp = await acme.call<Lead>('POST', '/v1/leads', {
      email: 'new.vp@company1.com',
      title: 'VP of Sales',
    });
    const engineer = await acme.call<Lead>('POST', '/v1/leads', {
      email: 'new.engineer@company1.com',
      title: 'Software Engineer',
    });
    expect(vp.body.fit).toBeGreaterThan(engineer.body.fit);
    const groups = await rows<{ title: string; fits: number[]; versions: number[]; count: number }>(
      t.database.db,
      sql`select l.title, array_agg(distinct s.fit_score) as fits, array_agg(distinct s.policy_version) as versions,
            count(*)::int as count
          from leads l join lead_scores s on s.tenant_id = l.tenant_id and s.lead_id = l.id
          where l.tenant_id = ${acme.tenantId} and l.email like 'lead%' group by l.title order by l.title`,
    );
    expect(groups).toEqual([
      {
        title: 'Software Engineer',
        fits: [engineer.body.fit],
        versions: [published.body.version],
        count: LEADS / 2,
      },
      { title: 'VP of Sales', fits: [vp.body.fit], versions: [published.body.version], count: LEADS / 2 },
    ]);
  });

  it('new ICP weights leave engagement as stored: the ledger is replayed only when the engagement policy changes', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'marker@company3.com' });
    // A stored engagement that its (empty) ledger would not give: a replay would reset it to 0.
    await t.database.db.execute(
      sql`update lead_scores set engagement_value = 42, engagement_as_of = ${T0}, hot_key = 1
          where tenant_id = ${acme.tenantId} and lead_id = ${lead.body.id}`,
    );
    const before = await livePolicy();
    const published = await publish({
      ...before,
      icp: { ...before.icp, rules: before.icp.rules.map((rule) => ({ ...rule, weight: rule.weight + 1 })) },
    });
    expect(published.status).toBe(201);
    const after = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    expect(after.body.engagement).toBeCloseTo(42, 2);
  });

  it('a new half-life: engagement is replayed from the ledger with the new decay', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'attendee@company2.com' });
    const posted = await acme.call('POST', '/v1/events', {
      events: [
        {
          id: 'webinar-1',
          leadId: lead.body.id,
          type: 'webinar_attended',
          occurredAt: new Date(T0 - 10 * DAY).toISOString(),
        },
      ],
    });
    expect(posted.status).toBe(200);
    const before = await livePolicy();
    const weight = before.engagement.eventTypes.webinar_attended!.weight;
    const published = await publish({ ...before, engagement: { ...before.engagement, halfLifeDays: 28 } });
    expect(published.body.rescoredLeads).toBe(LEADS + 4);

    const after = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    // The view rounds engagement to two decimals.
    expect(after.body.engagement).toBeCloseTo(weight * 2 ** (-10 / 28), 2);
  });
});
