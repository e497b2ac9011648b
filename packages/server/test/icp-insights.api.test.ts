import type { IcpInsightsView } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BulkLeadInput, insertLeadsBulk } from '../src/modules/leads/bulk-insert-leads';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

describe.each(dbTargets())('ICP insights on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
  });
  afterAll(() => t.close());

  const addLeads = async (inputs: BulkLeadInput[]) => {
    const policy = await t.app.ctx.policies.get(acme.tenantId);
    await t.database.db.transaction((tx) =>
      insertLeadsBulk(tx, acme.tenantId, inputs, policy, new Date(t.clock.now), { kind: 'import', id: null }),
    );
  };
  const lead = (n: number, industry: string, customer: boolean): BulkLeadInput => ({
    email: `buyer${n}@${industry}${n}.example`,
    account: { name: `${industry} ${n}`, domain: `${industry}${n}.example`, industry },
    ...(customer ? { stage: 'customer' } : {}),
  });

  it('waits for enough customers before saying anything', async () => {
    await addLeads([lead(1, 'software', true), lead(2, 'retail', false)]);
    const early = await acme.call<IcpInsightsView>('GET', '/v1/analytics/icp-insights');
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ leads: 2, won: 1, enough: false, insights: [] });
    expect(early.body.reason).toContain('1 customers');
  });

  it('shows the industries customers over- and under-index on, with a rule the policy accepts', async () => {
    // Software: 12 of 21 leads became customers; retail 2 of 41; the whole workspace 14 of 62 (23%).
    await addLeads([
      ...Array.from({ length: 20 }, (_, i) => lead(100 + i, 'software', i < 11)),
      ...Array.from({ length: 40 }, (_, i) => lead(200 + i, 'retail', i < 2)),
    ]);
    const insights = (await acme.call<IcpInsightsView>('GET', '/v1/analytics/icp-insights')).body;
    expect(insights).toMatchObject({ leads: 62, won: 14, enough: true });
    const byLabel = Object.fromEntries(insights.insights.map((i) => [i.label, i]));
    expect(byLabel.software).toMatchObject({ verdict: 'over', leads: 21, won: 12 });
    expect(byLabel.retail).toMatchObject({ verdict: 'under', leads: 41, won: 2 });
    const rule = byLabel.software!.rule;
    expect(rule).toMatchObject({
      subject: 'account',
      field: 'industry',
      operator: 'equals',
      value: 'software',
    });

    // The suggestion goes into the policy as it is.
    const current = (await acme.call<{ policy: { icp: { rules: unknown[] } } }>('GET', '/v1/policy')).body
      .policy;
    current.icp.rules.push(rule);
    expect((await acme.call('PUT', '/v1/policy', { policy: current })).status).toBe(201);
  });
});
