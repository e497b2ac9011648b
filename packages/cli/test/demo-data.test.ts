import type { Funnel, LeadList } from '@triage/contracts';
import { buildApp, createTenant } from '@triage/server';
import { rows } from '@triage/server/db/sql';
import { generateDemoData } from '@triage/server/demo/generate-demo-data';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, openTestDatabase } from '../../server/test/support/test-database';

describe.each(dbTargets())('demo workspace data on %s', (target) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let close: () => Promise<void>;
  let apiKey: string;
  let tenantId: string;
  const get = async <T>(url: string): Promise<T> =>
    (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${apiKey}` } })).json() as T;

  beforeAll(async () => {
    const database = await openTestDatabase(target);
    const tenant = await createTenant(database.db, 'Demo workspace');
    apiKey = tenant.apiKey;
    tenantId = tenant.tenantId;
    await generateDemoData(database.db, tenantId, { seed: 7 });
    app = await buildApp({ database });
    close = async () => {
      await app.close();
      await database.close();
    };
  });
  afterAll(() => close());

  it('has hot leads to call now, with the events that made them hot', async () => {
    const hot = await get<LeadList>('/v1/leads/hot?limit=20');

    expect(hot.items.length).toBeGreaterThan(10);
    expect(hot.items.filter((l) => l.heat === 'on_fire' || l.heat === 'hot').length).toBeGreaterThan(5);
    const events = await get<{ items: unknown[] }>(`/v1/leads/${hot.items[0]!.id}/events`);
    expect(events.items.length).toBeGreaterThan(3);
    // Most of a real database is cold.
    const cold = await get<LeadList>('/v1/leads?heat=cold&limit=200');
    expect(cold.items).toHaveLength(200);
    const all = await get<LeadList>('/v1/leads?sort=created&limit=200');
    expect(new Set(all.items.map((l) => l.ownerId)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(all.items.map((l) => l.source)).size).toBeGreaterThanOrEqual(6);
  });

  it('shows a funnel with conversions at every step, time in stage and disqualification reasons', async () => {
    const funnel = await get<Funnel>('/v1/analytics/funnel');
    for (const step of ['lead>mql', 'mql>sal', 'sal>sql', 'sql>opportunity', 'opportunity>customer']) {
      const conversion = funnel.conversions.find((c) => `${c.from}>${c.to}` === step)!;
      expect(conversion.converted, step).toBeGreaterThan(0);
      expect(conversion.rate!, step).toBeLessThan(1);
    }
    const times = funnel.timeInStage.filter((t) => t.samples > 0 && t.medianHours !== null);
    expect(times.map((t) => t.stage)).toEqual(expect.arrayContaining(['lead', 'mql', 'sal', 'sql']));
    expect(funnel.disqualificationReasons.length).toBeGreaterThanOrEqual(4);
    expect(funnel.stages.find((s) => s.stage === 'closed_lost')!.current).toBeGreaterThan(0);
    expect(funnel.stages.find((s) => s.stage === 'nurture')!.current).toBeGreaterThan(0);
  });

  it('has BANT assessments with evidence for leads a rep accepted, and the ones that passed moved to SQL', async () => {
    const assessed = await rows<{ leadId: string; result: string }>(
      app.ctx.db,
      sql`select lead_id as "leadId", result from assessments
          where tenant_id = ${tenantId} and framework = 'bant' order by lead_id`,
    );
    expect(assessed.length).toBeGreaterThan(20);
    const passed = assessed.find((a) => a.result === 'pass')!;
    const view = await get<{ result: string; criteria: { evidence: string | null }[] }>(
      `/v1/leads/${passed.leadId}/assessments/bant`,
    );
    expect(view.result).toBe('pass');
    expect(view.criteria.filter((c) => c.evidence && c.evidence.length > 20).length).toBeGreaterThanOrEqual(
      3,
    );
    const history = await get<{ items: { to: string; rule: string | null; at: string }[] }>(
      `/v1/leads/${passed.leadId}/transitions`,
    );
    expect(history.items.map((t) => t.to)).toEqual(expect.arrayContaining(['lead', 'sal', 'sql']));
    expect(history.items.find((t) => t.to === 'sql')!.rule).toBe('framework_pass');
    const times = history.items.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]!).toBeLessThan(Date.now() - 2 * 86_400_000);
  });
});
