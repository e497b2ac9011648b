import type { Conversion, Lead, SpeedToLead } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const MIN = 60_000;

describe.each(dbTargets())('conversion, speed-to-lead and the live stream on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    for (const [name, source] of [
      ['ann', 'webinar'],
      ['bob', 'webinar'],
      ['cy', 'paid_search'],
      ['di', 'paid_search'],
    ] as const) {
      const lead = await acme.call<Lead>('POST', '/v1/leads', { email: `${name}@initech.io`, source });
      ids[name] = lead.body.id;
    }
    // ann and bob raise their hands at T0; ann is accepted 3 minutes later, bob 2 hours later; cy waits.
    await acme.call('POST', '/v1/events', {
      events: ['ann', 'bob', 'cy'].map((n) => ({
        id: `demo-${n}`,
        leadId: ids[n],
        type: 'demo_request',
        occurredAt: new Date(T0).toISOString(),
      })),
    });
    t.clock.now = T0 + 3 * MIN;
    await acme.call('POST', `/v1/leads/${ids.ann}/transitions`, { to: 'sal' });
    await acme.call('POST', `/v1/leads/${ids.ann}/transitions`, { to: 'sql' });
    t.clock.now = T0 + 120 * MIN;
    await acme.call('POST', `/v1/leads/${ids.bob}/transitions`, { to: 'sal' });
    await acme.call('POST', `/v1/leads/${ids.di}/transitions`, { to: 'disqualified', reason: 'no_need' });
    t.clock.now = T0 + 180 * MIN;
  });
  afterAll(() => t.close());

  it('converts by source: share of leads that reached SQL', async () => {
    const { status, body } = await acme.call<Conversion>('GET', '/v1/analytics/conversion?by=source');
    expect(status).toBe(200);
    const webinar = body.groups.find((g) => g.key === 'webinar');
    const search = body.groups.find((g) => g.key === 'paid_search');
    expect(webinar).toMatchObject({ leads: 2, qualified: 1, qualifiedRate: 0.5 });
    expect(search).toMatchObject({ leads: 2, qualified: 0, disqualified: 1 });
  });

  it('converts by fit band and by heat band, every band listed in order', async () => {
    const fit = await acme.call<Conversion>('GET', '/v1/analytics/conversion?by=fit_band');
    expect(fit.body.groups.map((g) => g.key)).toEqual(['0–24', '25–49', '50–74', '75–100']);
    expect(fit.body.groups.reduce((n, g) => n + g.leads, 0)).toBe(4);
    const heat = await acme.call<Conversion>('GET', '/v1/analytics/conversion?by=heat_band');
    expect(heat.body.groups.map((g) => g.key)).toEqual(['cold', 'warm', 'hot', 'on_fire']);
    // Three demo requests three hours ago still make three leads warmer than the one without events.
    expect(heat.body.groups[0]!.leads).toBeLessThan(4);
    const bad = await acme.call('GET', '/v1/analytics/conversion?by=colour');
    expect(bad.status).toBe(400);
  });

  it('measures speed to lead for hand-raisers and counts the ones still waiting', async () => {
    const { body } = await acme.call<SpeedToLead>('GET', '/v1/analytics/speed-to-lead');
    expect(body.contacted).toBe(2);
    expect(body.buckets.find((b) => b.label === '≤ 5 min')?.count).toBe(1);
    expect(body.buckets.find((b) => b.label === '1–4 h')?.count).toBe(1);
    expect(body.medianMinutes).toBeCloseTo(61.5, 1);
    expect(body.open).toBe(1);
    expect(body.oldestOpenMinutes).toBe(180);
  });

  it('keeps tenants apart', async () => {
    const globex = await t.tenant('Globex');
    const { body } = await globex.call<SpeedToLead>('GET', '/v1/analytics/speed-to-lead');
    expect(body).toMatchObject({ contacted: 0, open: 0, medianMinutes: null });
  });

  it('streams a "leads" message to the same tenant when events arrive, and nothing to others', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const globex = await t.tenant('Globex stream');
    const open = async (key: string) => {
      const controller = new AbortController();
      const response = await fetch(`${address}/v1/stream`, {
        headers: { authorization: `Bearer ${key}` },
        signal: controller.signal,
      });
      return { response, controller, reader: response.body!.getReader() };
    };
    const mine = await open(acme.apiKey);
    const theirs = await open(globex.apiKey);
    expect(mine.response.headers.get('content-type')).toContain('text/event-stream');
    await mine.reader.read(); // the retry preamble
    await theirs.reader.read();

    await acme.call('POST', '/v1/events', {
      events: [{ id: 'live-1', leadId: ids.cy, type: 'page_view', occurredAt: new Date(T0).toISOString() }],
    });
    const chunk = new TextDecoder().decode((await mine.reader.read()).value);
    expect(chunk).toContain('event: leads');
    expect(JSON.parse(chunk.split('data: ')[1]!)).toMatchObject({ leadIds: [ids.cy], accepted: 1 });

    const silence = await Promise.race([
      theirs.reader.read().then(() => 'message'),
      new Promise((resolve) => setTimeout(() => resolve('silence'), 300)),
    ]);
    expect(silence).toBe('silence');
    mine.controller.abort();
    theirs.controller.abort();
  });
});
