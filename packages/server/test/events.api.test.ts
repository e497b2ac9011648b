import type { EventBatchResult, Lead, LeadList, LeadScore, Transition } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

describe.each(dbTargets())('events and heat on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
  });
  afterAll(() => t.close());

  const post = (tenant: TestTenant, events: unknown[]) =>
    tenant.call<EventBatchResult>('POST', '/v1/events', { events });

  it('accepts a batch once: resending it counts duplicates and leaves the score unchanged', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'ana@contoso.com' });
    const events = [
      { id: 'e-1', leadId: lead.body.id, type: 'pricing_page_view', occurredAt: at(T0 - DAY) },
      { id: 'e-2', leadId: lead.body.id, type: 'webinar_attended', occurredAt: at(T0 - 2 * DAY) },
      { id: 'e-2', leadId: lead.body.id, type: 'webinar_attended', occurredAt: at(T0 - 2 * DAY) },
    ];
    const first = await post(acme, events);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 });
    const score1 = await acme.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    const again = await post(acme, events);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3 });
    const score2 = await acme.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    expect(score2.body.engagement.value).toBe(score1.body.engagement.value);
    expect(score1.body.engagement.value).toBeGreaterThan(0);
    expect(score1.body.engagement.lines.map((l) => l.type).sort()).toEqual([
      'pricing_page_view',
      'webinar_attended',
    ]);
    // A retry that carries one stored event and one new one: only the new one counts.
    const mixed = await post(acme, [
      events[0],
      { id: 'e-3', leadId: lead.body.id, type: 'email_reply', occurredAt: at(T0 - DAY) },
    ]);
    expect(mixed.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const score3 = await acme.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    expect(score3.body.engagement.value).toBeGreaterThan(score2.body.engagement.value);
    expect(score3.body.engagement.lines.map((l) => l.type).sort()).toEqual([
      'email_reply',
      'pricing_page_view',
      'webinar_attended',
    ]);
  });

  it('names the event types the policy does not score, keeps those events, and scores the others', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'typo@contoso.com' });
    const answer = await post(acme, [
      { id: 'u-1', leadId: lead.body.id, type: 'pricing_page_veiw', occurredAt: at(T0 - DAY) },
      { id: 'u-2', leadId: lead.body.id, type: 'email_reply', occurredAt: at(T0 - DAY) },
    ]);
    expect(answer.body).toMatchObject({ accepted: 2, unscoredTypes: ['pricing_page_veiw'] });
    const score = await acme.call<LeadScore>('GET', `/v1/leads/${lead.body.id}/score`);
    const points = Object.fromEntries(score.body.engagement.lines.map((l) => [l.type, l.points]));
    expect(points.pricing_page_veiw ?? 0).toBe(0);
    expect(points.email_reply).toBeGreaterThan(0);
    const stored = await acme.call<{ items: { type: string }[] }>('GET', `/v1/leads/${lead.body.id}/events`);
    expect(stored.body.items.map((e) => e.type).sort()).toEqual(['email_reply', 'pricing_page_veiw']);
  });

  it('creates a lead for an unknown email and links events by email', async () => {
    const result = await post(acme, [
      {
        id: 'new-1',
        email: 'Newcomer@Fabrikam.com',
        type: 'content_download',
        occurredAt: at(T0),
        properties: { source: 'ebook' },
      },
    ]);
    expect(result.body).toMatchObject({ accepted: 1, createdLeads: 1 });
    const list = await acme.call<LeadList>('GET', '/v1/leads?q=newcomer');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      email: 'newcomer@fabrikam.com',
      source: 'ebook',
      company: 'fabrikam.com',
    });
  });

  it('heat decays with time: the same lead is colder a month later', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'decay@contoso.com' });
    await post(
      acme,
      Array.from({ length: 6 }, (_, i) => ({
        id: `d-${i}`,
        leadId: lead.body.id,
        type: 'email_click',
        occurredAt: at(T0 - i * 3600_000),
      })),
    );
    const now = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    t.clock.now = T0 + 30 * DAY;
    const later = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    t.clock.now = T0;
    expect(later.body.engagement).toBeLessThan(now.body.engagement);
    const halfLifeDays = (
      await acme.call<{ policy: { engagement: { halfLifeDays: number } } }>('GET', '/v1/policy')
    ).body.policy.engagement.halfLifeDays;
    expect(later.body.engagement).toBeCloseTo(now.body.engagement * 2 ** (-30 / halfLifeDays), 1);
  });

  it('a demo request makes the lead an MQL at once, recorded with the rule and why', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'hand@contoso.com' });
    const result = await post(acme, [
      { id: 'demo-1', leadId: lead.body.id, type: 'demo_request', occurredAt: at(T0) },
    ]);
    expect(result.body.transitions).toEqual([
      expect.objectContaining({ leadId: lead.body.id, from: 'lead', rule: 'hand_raiser' }),
    ]);
    const after = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    expect(['mql', 'pql', 'cql']).toContain(after.body.stage);
    expect(after.body.firstHandRaiseAt).toBe(at(T0));
    const history = await acme.call<{ items: Transition[] }>('GET', `/v1/leads/${lead.body.id}/transitions`);
    const automatic = history.body.items.at(-1)!;
    expect(automatic.actor.kind).toBe('rule');
    expect(automatic.why).toBeTruthy();
  });

  it('ranks the hot list by heat now', async () => {
    const cool = await acme.call<Lead>('POST', '/v1/leads', { email: 'cool@tailspin.com' });
    const hot = await acme.call<Lead>('POST', '/v1/leads', { email: 'hot@tailspin.com' });
    await post(acme, [
      { id: 'h-1', leadId: cool.body.id, type: 'page_view', occurredAt: at(T0 - 20 * DAY) },
      ...Array.from({ length: 5 }, (_, i) => ({
        id: `h-hot-${i}`,
        leadId: hot.body.id,
        type: 'pricing_page_view',
        occurredAt: at(T0 - i * 60_000),
      })),
    ]);
    const list = await acme.call<LeadList>('GET', '/v1/leads/hot?limit=50');
    const emails = list.body.items.map((l) => l.email);
    expect(emails.indexOf('hot@tailspin.com')).toBeLessThan(emails.indexOf('cool@tailspin.com'));
    const engagement = list.body.items.map((l) => l.engagement);
    expect(engagement).toEqual([...engagement].sort((a, b) => b - a));
    const tiered = await acme.call<LeadList>(`GET`, `/v1/leads?heat=${list.body.items[0]!.heat}`);
    expect(tiered.body.items.every((l) => l.heat === list.body.items[0]!.heat)).toBe(true);
  });

  it('refuses a malformed batch with a pointer per bad event and stores none of it', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'strict@contoso.com' });
    const bad = await post(acme, [
      { id: 'ok-1', leadId: lead.body.id, type: 'page_view', occurredAt: at(T0) },
      { id: 'bad-1', leadId: lead.body.id, type: 'Page View', occurredAt: 'yesterday' },
      { id: 'bad-2', type: 'page_view', occurredAt: at(T0) },
    ]);
    expect(bad.status).toBe(400);
    const pointers = (bad.body as unknown as { issues: { pointer: string }[] }).issues.map((i) => i.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/events/1/type', '/events/1/occurredAt', '/events/2/leadId']),
    );
    const events = await acme.call<{ items: unknown[] }>('GET', `/v1/leads/${lead.body.id}/events`);
    expect(events.body.items).toHaveLength(0);
    const tooMany = await post(
      acme,
      Array.from({ length: 1001 }, (_, i) => ({
        id: `m-${i}`,
        leadId: lead.body.id,
        type: 'page_view',
        occurredAt: at(T0),
      })),
    );
    expect(tooMany.status).toBe(400);
  });

  it("404s a batch that names an unknown or another tenant's lead, and writes nothing", async () => {
    const mine = await acme.call<Lead>('POST', '/v1/leads', { email: 'mine@contoso.com' });
    const theirs = await globex.call<Lead>('POST', '/v1/leads', { email: 'theirs@globex.com' });
    const response = await post(acme, [
      { id: 'x-1', leadId: mine.body.id, type: 'page_view', occurredAt: at(T0) },
      { id: 'x-2', leadId: theirs.body.id, type: 'page_view', occurredAt: at(T0) },
    ]);
    expect(response.status).toBe(404);
    expect((response.body as unknown as { issues: { pointer: string }[] }).issues[0]?.pointer).toBe(
      '/events/1/leadId',
    );
    const events = await acme.call<{ items: unknown[] }>('GET', `/v1/leads/${mine.body.id}/events`);
    expect(events.body.items).toHaveLength(0);
    const theirsEvents = await globex.call<{ items: unknown[] }>('GET', `/v1/leads/${theirs.body.id}/events`);
    expect(theirsEvents.body.items).toHaveLength(0);
  });

  it('keeps client event ids per tenant: the same id in two tenants is two events', async () => {
    const a = await acme.call<Lead>('POST', '/v1/leads', { email: 'shared-id@contoso.com' });
    const g = await globex.call<Lead>('POST', '/v1/leads', { email: 'shared-id@globex.com' });
    expect(
      (await post(acme, [{ id: 'same', leadId: a.body.id, type: 'page_view', occurredAt: at(T0) }])).body
        .accepted,
    ).toBe(1);
    expect(
      (await post(globex, [{ id: 'same', leadId: g.body.id, type: 'page_view', occurredAt: at(T0) }])).body
        .accepted,
    ).toBe(1);
  });
});
