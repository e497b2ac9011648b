import type {
  ErrorBody,
  Lead,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
  WebhookPayload,
  WebhookWithSecret,
} from '@triage/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { rows } from '../src/db/sql';
import { sweepWebhooks } from '../src/modules/webhooks/webhook-delivery.service';
import { resolveWebhookSettings } from '../src/modules/webhooks/webhook-settings';
import { verifySignature } from '../src/modules/webhooks/webhook-signature';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';
import { startReceiver } from './support/webhook-receiver';

const at = (ms: number) => new Date(ms).toISOString();
const payloadOf = (body: string) => JSON.parse(body) as WebhookPayload;

describe.each(dbTargets())('outgoing webhooks on %s', (target) => {
  let t: TestApp;
  const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];

  const receiver = async (script?: number[]) => {
    const started = await startReceiver(script);
    receivers.push(started);
    return started;
  };
  const subscribe = async (tenant: TestTenant, url: string, events: string[], extra: object = {}) => {
    const created = await tenant.call<WebhookWithSecret>('POST', '/v1/webhooks', { url, events, ...extra });
    expect(created.status).toBe(201);
    return created.body;
  };
  /** The endpoint's latest delivery once it is no longer pending (or after 10 s). */
  const settled = async (tenant: TestTenant, webhookId: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const log = await tenant.call<WebhookDeliveryList>('GET', `/v1/webhooks/${webhookId}/deliveries`);
      expect(log.status).toBe(200);
      const latest = log.body.items[0];
      if ((latest && latest.status !== 'pending') || Date.now() > deadline) return latest;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const outboxRows = async (tenantId: string) =>
    (
      await rows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from webhook_events where tenant_id = ${tenantId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await startTestApp(target, {
      jobs: { pollingIntervalSeconds: 0.5 },
      webhooks: { allowPrivateTargets: true, timeoutMs: 3_000, retry: { baseDelayMs: 200, maxAttempts: 3 } },
    });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
  });

  it('signs lead.stage_changed when an event batch makes a lead an MQL, with the rule and why', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver();
    const webhook = await subscribe(acme, hook.url, ['lead.stage_changed']);
    expect(webhook.secret).toMatch(/^whsec_/);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'ana@contoso.com' });
    await acme.call('POST', '/v1/events', {
      events: [{ id: 'demo-1', leadId: lead.body.id, type: 'demo_request', occurredAt: at(T0) }],
    });

    const [request] = await hook.waitFor(1);
    const payload = payloadOf(request!.body);
    expect(payload).toMatchObject({
      type: 'lead.stage_changed',
      version: 1,
      tenantId: acme.tenantId,
      createdAt: at(T0),
      data: { leadId: lead.body.id, from: 'lead', rule: 'hand_raiser', actor: { kind: 'rule' } },
    });
    if (payload.type !== 'lead.stage_changed') throw new Error('unexpected type');
    expect(['mql', 'pql', 'cql']).toContain(payload.data.to);
    expect(payload.data.why).toBeTruthy();
    const signature = String(request!.headers['x-triage-signature']);
    expect(verifySignature(signature, request!.body, webhook.secret, Math.floor(Date.now() / 1000))).toEqual({
      ok: true,
    });
    expect(
      verifySignature(signature, `${request!.body} `, webhook.secret, Math.floor(Date.now() / 1000)).ok,
    ).toBe(false);
    expect(request!.headers['x-triage-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request!.headers['x-triage-event']).toBe('lead.stage_changed');
  });

  it('signs lead.stage_changed for a manual transition, naming the actor, the reason and the note', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver();
    const webhook = await subscribe(acme, hook.url, ['lead.stage_changed']);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'bo@contoso.com' });
    const moved = await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, {
      to: 'disqualified',
      reason: 'no_budget',
      note: 'Frozen until next fiscal year',
    });
    expect(moved.status).toBe(201);

    const [request] = await hook.waitFor(1);
    expect(payloadOf(request!.body)).toMatchObject({
      type: 'lead.stage_changed',
      data: {
        leadId: lead.body.id,
        from: 'lead',
        to: 'disqualified',
        reason: 'no_budget',
        note: 'Frozen until next fiscal year',
        rule: null,
        actor: { kind: 'api_key' },
      },
    });
    const now = Math.floor(Date.now() / 1000);
    expect(
      verifySignature(String(request!.headers['x-triage-signature']), request!.body, webhook.secret, now).ok,
    ).toBe(true);
  });

  it('sends lead.created and lead.heat_tier_changed, each only to the endpoint that listens to it', async () => {
    const acme = await t.tenant('Acme');
    const created = await receiver();
    const heat = await receiver();
    await subscribe(acme, created.url, ['lead.created']);
    await subscribe(acme, heat.url, ['lead.heat_tier_changed']);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'cy@contoso.com', source: 'webinar' });
    // An unknown email in a batch creates its lead too, and the demo request heats it up.
    await acme.call('POST', '/v1/events', {
      events: [
        { id: 'h-1', leadId: lead.body.id, type: 'demo_request', occurredAt: at(T0) },
        { id: 'h-2', email: 'new@fabrikam.com', type: 'page_view', occurredAt: at(T0) },
      ],
    });

    const createdTypes = (await created.waitFor(2)).map((r) => payloadOf(r.body));
    expect(createdTypes.map((p) => p.type)).toEqual(['lead.created', 'lead.created']);
    expect(createdTypes.map((p) => (p.data as { lead: { email: string } }).lead.email).sort()).toEqual([
      'cy@contoso.com',
      'new@fabrikam.com',
    ]);
    expect(createdTypes[0]!.data).toMatchObject({ lead: { source: 'webinar', stage: 'lead' } });
    const [heated] = await heat.waitFor(1);
    expect(payloadOf(heated!.body)).toMatchObject({
      type: 'lead.heat_tier_changed',
      data: { leadId: lead.body.id, from: 'cold', to: 'hot' },
    });
    // The page view leaves the new lead cold: nothing more for the heat endpoint.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(heat.received).toHaveLength(1);
    expect(created.received).toHaveLength(2);
  });

  it('retries a 500 with the same delivery id, and the log shows both attempts', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver([500, 200]);
    const webhook = await subscribe(acme, hook.url, ['lead.stage_changed']);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'dee@contoso.com' });
    await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to: 'mql' });

    const [first, second] = await hook.waitFor(2);
    expect(second!.headers['x-triage-delivery']).toBe(first!.headers['x-triage-delivery']);
    expect(second!.body).toBe(first!.body);

    // The receiver has answered; the log line is written just after.
    const delivery = await settled(acme, webhook.id);
    expect(delivery).toMatchObject({
      id: first!.headers['x-triage-delivery'],
      eventType: 'lead.stage_changed',
      status: 'delivered',
      nextAttemptAt: null,
    });
    expect(delivery!.attempts).toEqual([
      expect.objectContaining({ attempt: 1, responseStatus: 500, error: 'answered 500' }),
      expect.objectContaining({ attempt: 2, responseStatus: 200, error: null, nextRetryAt: null }),
    ]);
    expect(delivery!.attempts[0]!.nextRetryAt).not.toBeNull();
    expect(delivery!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('gives up after the configured number of attempts and records it', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver([503]);
    const webhook = await subscribe(acme, hook.url, ['lead.stage_changed']);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'eve@contoso.com' });
    await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to: 'mql' });

    await hook.waitFor(3);
    const delivery = await settled(acme, webhook.id);
    expect(delivery?.status).toBe('failed');
    expect(delivery?.attempts.map((a) => a.responseStatus)).toEqual([503, 503, 503]);
    expect(delivery?.attempts.at(-1)?.error).toBe('answered 503: gave up after 3 attempts');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hook.received).toHaveLength(3);
  });

  it('a paused endpoint receives nothing, and resumes when made active again', async () => {
    const acme = await t.tenant('Acme');
    const live = await receiver();
    const paused = await receiver();
    await subscribe(acme, live.url, ['lead.stage_changed']);
    const sleeper = await subscribe(acme, paused.url, ['lead.stage_changed'], { active: false });
    expect(sleeper.active).toBe(false);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'fay@contoso.com' });
    await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to: 'mql' });
    await live.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(paused.received).toHaveLength(0);

    const resumed = await acme.call<Webhook>('PATCH', `/v1/webhooks/${sleeper.id}`, { active: true });
    expect(resumed.body.active).toBe(true);
    await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to: 'sal' });
    const [request] = await paused.waitFor(1);
    expect(payloadOf(request!.body)).toMatchObject({ data: { from: 'mql', to: 'sal' } });
  });

  it('writes no outbox row for what no active endpoint listens to', async () => {
    const acme = await t.tenant('Acme');
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'gus@contoso.com' });
    await acme.call('POST', '/v1/events', {
      events: [
        { id: 'n-1', leadId: lead.body.id, type: 'demo_request', occurredAt: at(T0) },
        { id: 'n-2', email: 'someone@fabrikam.com', type: 'page_view', occurredAt: at(T0) },
      ],
    });
    expect(await outboxRows(acme.tenantId)).toBe(0);

    const hook = await receiver();
    const other = await subscribe(acme, hook.url, ['model.activated']);
    await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to: 'sal' });
    expect(await outboxRows(acme.tenantId)).toBe(0);
    // Subscribed, then paused: the change is seen at once by this process.
    await acme.call('PATCH', `/v1/webhooks/${other.id}`, { events: ['lead.stage_changed'], active: false });
    await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to: 'sql' });
    expect(await outboxRows(acme.tenantId)).toBe(0);
    expect(hook.received).toHaveLength(0);
  });

  it('delivers what a process without jobs committed once the sweep finds it, and nothing for a refused change', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver();
    await subscribe(acme, hook.url, ['lead.stage_changed']);
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'hal@contoso.com' });
    // Another process, with no job runner: it writes the outbox and cannot wake a dispatcher.
    const apiOnly = await buildApp({ database: t.database, now: () => t.clock.now });
    try {
      const move = (to: string) =>
        apiOnly.inject({
          method: 'POST',
          url: `/v1/leads/${lead.body.id}/transitions`,
          headers: { authorization: `Bearer ${acme.apiKey}` },
          payload: { to },
        });
      expect((await move('mql')).statusCode).toBe(201);
      expect((await move('customer')).statusCode).toBe(409);
    } finally {
      await apiOnly.close();
    }
    expect(await outboxRows(acme.tenantId)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hook.received).toHaveLength(0);

    await sweepWebhooks(t.app.ctx, resolveWebhookSettings({ allowPrivateTargets: true }));
    const [request] = await hook.waitFor(1);
    expect(payloadOf(request!.body)).toMatchObject({ data: { from: 'lead', to: 'mql' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hook.received).toHaveLength(1);
  });

  it('sends a signed ping on demand and logs it', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver();
    const webhook = await subscribe(acme, hook.url, ['lead.created'], { active: false });
    const ping = await acme.call<WebhookDelivery>('POST', `/v1/webhooks/${webhook.id}/test`);
    expect(ping.status).toBe(200);
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', status: 'delivered' });
    expect(ping.body.attempts).toEqual([expect.objectContaining({ attempt: 1, responseStatus: 200 })]);
    expect(hook.received).toHaveLength(1);
    expect(payloadOf(hook.received[0]!.body)).toMatchObject({
      type: 'webhook.ping',
      data: { webhookId: webhook.id },
    });

    const unreachable = await subscribe(acme, 'http://127.0.0.1:9/nothing-listens', ['lead.created']);
    const failed = await acme.call<WebhookDelivery>('POST', `/v1/webhooks/${unreachable.id}/test`);
    expect(failed.body.status).toBe('failed');
    expect(failed.body.attempts[0]).toMatchObject({ responseStatus: null });
    expect(failed.body.attempts[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('shows the secret once, rotates it, and signs with both secrets for a while', async () => {
    const acme = await t.tenant('Acme');
    const hook = await receiver();
    const webhook = await subscribe(acme, hook.url, ['lead.created'], { description: 'CRM sync' });
    const listed = await acme.call<WebhookList>('GET', '/v1/webhooks');
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: webhook.id, url: hook.url, description: 'CRM sync', active: true }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(webhook.secret);
    const one = await acme.call<Webhook>('GET', `/v1/webhooks/${webhook.id}`);
    expect(one.body).not.toHaveProperty('secret');

    const rotated = await acme.call<WebhookWithSecret>('POST', `/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    await acme.call('POST', `/v1/webhooks/${webhook.id}/test`);
    const request = hook.received.at(-1)!;
    const now = Math.floor(Date.now() / 1000);
    const header = String(request.headers['x-triage-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, request.body, rotated.body.secret, now).ok).toBe(true);
    expect(verifySignature(header, request.body, webhook.secret, now).ok).toBe(true);

    expect((await acme.call('DELETE', `/v1/webhooks/${webhook.id}`)).status).toBe(204);
    expect((await acme.call('GET', `/v1/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await acme.call('GET', `/v1/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
  });

  it("answers 404 for another workspace's endpoint and changes nothing", async () => {
    const acme = await t.tenant('Acme');
    const globex = await t.tenant('Globex');
    const hook = await receiver();
    const webhook = await subscribe(acme, hook.url, ['lead.created']);
    const base = `/v1/webhooks/${webhook.id}`;
    for (const [method, url, body] of [
      ['GET', base],
      ['PATCH', base, { active: false }],
      ['DELETE', base],
      ['POST', `${base}/rotate-secret`],
      ['POST', `${base}/test`],
      ['GET', `${base}/deliveries`],
    ] as const) {
      const answer = await globex.call<ErrorBody>(method, url, body);
      expect(answer.status, `${method} ${url}`).toBe(404);
      expect(answer.body.error).toBe('not_found');
    }
    expect((await globex.call<WebhookList>('GET', '/v1/webhooks')).body.items).toEqual([]);
    expect((await acme.call<Webhook>('GET', base)).body.active).toBe(true);
    expect(hook.received).toHaveLength(0);
  });

  it('refuses bad input with 400 at the field, storing nothing', async () => {
    const acme = await t.tenant('Acme');
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/hook', events: ['lead.created'] }, '/url'],
      [{ url: 'not a url', events: ['lead.created'] }, '/url'],
      [{ url: 'https://user:pw@example.com/hook', events: ['lead.created'] }, '/url'],
      [{ url: 'https://example.com/hook', events: [] }, '/events'],
      [{ url: 'https://example.com/hook', events: ['lead.created', 'lead.exploded'] }, '/events/1'],
      [{ url: 'https://example.com/hook', events: ['lead.created', 'lead.created'] }, '/events'],
      [{ url: 'https://example.com/hook', events: ['lead.created'], colour: 'red' }, '/colour'],
      [{ events: ['lead.created'] }, '/url'],
    ];
    for (const [body, pointer] of cases) {
      const answer = await acme.call<ErrorBody>('POST', '/v1/webhooks', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.issues?.map((i) => i.pointer)).toContain(pointer);
    }
    const webhook = await subscribe(acme, 'https://example.com/hook', ['lead.created']);
    const patch = await acme.call<ErrorBody>('PATCH', `/v1/webhooks/${webhook.id}`, {
      url: 'https://example.com/new',
      events: ['nope'],
    });
    expect(patch.status).toBe(400);
    expect(patch.body.issues?.map((i) => i.pointer)).toEqual(['/events/0']);
    expect((await acme.call<Webhook>('GET', `/v1/webhooks/${webhook.id}`)).body.url).toBe(
      'https://example.com/hook',
    );
    expect((await acme.call<WebhookList>('GET', '/v1/webhooks')).body.items).toHaveLength(1);
    const badLimit = await acme.call<ErrorBody>('GET', `/v1/webhooks/${webhook.id}/deliveries?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.issues?.[0]).toMatchObject({ location: 'query', pointer: '/limit' });
  });

  it('refuses private and loopback targets unless the server allows them', async () => {
    const strict = await buildApp({ database: t.database, now: () => t.clock.now });
    try {
      const acme = await t.tenant('Acme');
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://localhost/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://10.1.2.3/hook',
        'http://[::1]/hook',
        'http://db.internal/hook',
      ]) {
        const answer = await strict.inject({
          method: 'POST',
          url: '/v1/webhooks',
          headers: { authorization: `Bearer ${acme.apiKey}` },
          payload: { url, events: ['lead.created'] },
        });
        expect(answer.statusCode, url).toBe(400);
        expect(answer.json().issues[0]).toMatchObject({ pointer: '/url' });
      }
      const allowed = await strict.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: { authorization: `Bearer ${acme.apiKey}` },
        payload: { url: 'https://hooks.example.com/triage', events: ['lead.created'] },
      });
      expect(allowed.statusCode).toBe(201);
    } finally {
      await strict.close();
    }
  });
});
