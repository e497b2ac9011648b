import type { EventBatchResult, Lead, LeadScore } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

describe.each(dbTargets())('capped event types across batches on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
  });
  afterAll(() => t.close());

  const post = (events: unknown[]) => acme.call<EventBatchResult>('POST', '/v1/events', { events });

  it('adds several same-day events of a capped type to a window an earlier batch opened', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'iris@northwind.com' });
    const view = (id: string, ms: number) => ({
      id,
      leadId: lead.body.id,
      type: 'page_view',
      occurredAt: at(ms),
    });
    expect((await post([view('v-1', T0 - 3 * HOUR)])).body.accepted).toBe(1);

    const second = await post([view('v-2', T0 - 2 * HOUR), view('v-3', T0 - HOUR)]);
    expect(second.status).toBe(200);
    expect(second.body.accepted).toBe(2);

    // Three page views (weight 1 each, under the daily cap of 10) within three hours: close to 3 points.
    const score = await acme.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    expect(score.body.engagement.value).toBeGreaterThan(2.9);
    expect(score.body.engagement.value).toBeLessThanOrEqual(3);
  });

  it('concurrent batches over one lead fill its daily cap once: the stored heat equals the ledger recomputed', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'jon@northwind.com' });
    const batches = [0, 1, 2, 3].map((b) =>
      [0, 1, 2, 3, 4].map((i) => ({
        id: `burst-${b}-${i}`,
        leadId: lead.body.id,
        type: 'page_view',
        occurredAt: at(T0 - (b * 5 + i + 1) * 60_000),
      })),
    );
    const answers = await Promise.all(batches.map((events) => post(events)));
    expect(answers.map((a) => a.body.accepted)).toEqual([5, 5, 5, 5]);

    // Twenty page views in one day, weight 1, capped at 10 points a day: every one of them is scaled to half.
    const stored = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    const recomputed = await acme.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    expect(recomputed.body.engagement.value).toBeGreaterThan(9.9);
    expect(recomputed.body.engagement.value).toBeLessThanOrEqual(10);
    expect(stored.body.engagement).toBeCloseTo(recomputed.body.engagement.value, 2);
  });
});
