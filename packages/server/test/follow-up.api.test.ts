import type {
  ErrorBody,
  FollowUpQueue,
  Lead,
  LeadWithFollowUp,
  PolicyView,
  TouchResult,
  WebhookPayload,
} from '@triage/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/sql';
import { sweepFollowUps } from '../src/modules/follow-up/follow-up-sweep.service';
import { insertPolicy } from '../src/modules/policy/policy.repository';
import { insertUser } from '../src/modules/users/users.repository';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

const MIN = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Monday 2026-06-01 11:00 UTC: two working hours into the default (UTC, Monday–Friday 09–17) day. */
const NOON_ISH = T0 + 2 * 60 * MIN;

describe.each(dbTargets())('follow-up on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  const at = (ms: number) => {
    t.clock.now = ms;
  };
  const createLead = async (tenant: TestTenant, email: string, extra: object = {}) => {
    const created = await tenant.call<Lead>('POST', '/v1/leads', { email, ...extra });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const raiseHand = async (tenant: TestTenant, leadId: string, when: number, type = 'demo_request') => {
    const sent = await tenant.call('POST', '/v1/events', {
      events: [{ id: `${type}-${leadId}-${when}`, leadId, type, occurredAt: iso(when) }],
    });
    expect(sent.status).toBeLessThan(300);
  };
  const move = async (tenant: TestTenant, leadId: string, ...stages: string[]) => {
    for (const to of stages) {
      const moved = await tenant.call('POST', `/v1/leads/${leadId}/transitions`, { to });
      expect(moved.status).toBe(201);
    }
  };
  const followUpOf = async (tenant: TestTenant, leadId: string) => {
    const lead = await tenant.call<LeadWithFollowUp>('GET', `/v1/leads/${leadId}`);
    expect(lead.status).toBe(200);
    return lead.body.followUp;
  };
  const queue = async (tenant: TestTenant, query = '') => {
    const answer = await tenant.call<FollowUpQueue>('GET', `/v1/follow-ups${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const publishFollowUp = async (tenant: TestTenant, followUp: object) => {
    const live = await tenant.call<PolicyView>('GET', '/v1/policy');
    return tenant.call<PolicyView & ErrorBody>('PUT', '/v1/policy', {
      policy: { ...live.body.policy, followUp },
    });
  };

  it('starts a pending clock at a demo request, shown on the lead with the action and its deadline', async () => {
    const acme = await t.tenant('Acme');
    at(NOON_ISH);
    const id = await createLead(acme, 'ana@contoso.com');
    expect((await followUpOf(acme, id)).clock).toBeNull();
    await raiseHand(acme, id, NOON_ISH - 2 * MIN);

    const followUp = await followUpOf(acme, id);
    expect(followUp).toMatchObject({
      urgency: 'due',
      openNow: true,
      clock: {
        state: 'pending',
        trigger: 'demo_request',
        startedAt: iso(NOON_ISH - 2 * MIN),
        dueAt: iso(NOON_ISH + 3 * MIN),
        escalatesAt: iso(NOON_ISH + 28 * MIN),
        minutesLeft: 3,
      },
      nextAction: { kind: 'call_before_due', by: iso(NOON_ISH + 3 * MIN) },
    });
    expect(followUp.nextAction?.why).toBe(
      'Demo request 2 business minutes ago; 3 minutes left of the 5-minute target',
    );
  });

  it('runs no clock for a knocked-out hand-raiser and leaves it out of the queue', async () => {
    const acme = await t.tenant('Acme');
    at(NOON_ISH);
    const id = await createLead(acme, 'student@cs.stanford.edu');
    await raiseHand(acme, id, NOON_ISH - 60 * MIN);
    expect((await followUpOf(acme, id)).clock).toMatchObject({ state: 'stopped' });
    expect((await queue(acme)).counts).toMatchObject({ escalated: 0, overdue: 0 });
    expect(await sweepFollowUps(t.app.ctx, acme.tenantId)).toEqual({
      breached: 0,
      escalated: 0,
      goneQuiet: 0,
    });
  });

  it('moves the due time with the business hours: Friday evening is due Monday, sooner in Tokyo, at once for 24/7', async () => {
    const acme = await t.tenant('Acme');
    const fridayEvening = Date.parse('2026-06-05T19:00:00Z');
    at(fridayEvening);
    const id = await createLead(acme, 'bo@contoso.com');
    await raiseHand(acme, id, fridayEvening);
    at(Date.parse('2026-06-06T10:00:00Z'));
    expect((await followUpOf(acme, id)).clock).toMatchObject({
      state: 'pending',
      dueAt: '2026-06-08T09:05:00.000Z',
      minutesLeft: 5,
    });

    // Friday 19:00 UTC is Saturday 04:00 in Tokyo: due Monday 09:05 JST.
    expect((await publishFollowUp(acme, { businessHours: { timeZone: 'Asia/Tokyo' } })).status).toBe(201);
    expect((await followUpOf(acme, id)).clock?.dueAt).toBe('2026-06-08T00:05:00.000Z');

    expect((await publishFollowUp(acme, { businessHours: { alwaysOpen: true } })).status).toBe(201);
    expect((await followUpOf(acme, id)).clock).toMatchObject({
      state: 'escalated',
      dueAt: '2026-06-05T19:05:00.000Z',
    });
  });

  describe('the queue', () => {
    let acme: TestTenant;
    const lead: Record<string, string> = {};
    let rep: string;

    beforeAll(async () => {
      acme = await t.tenant('Acme');
      rep = (
        await insertUser(t.database.db, {
          tenantId: acme.tenantId,
          email: `rep-${target}@acme.test`,
          name: 'Rep',
          role: 'rep',
          passwordHash: null,
        })
      ).id;
      at(NOON_ISH - 50 * DAY);
      lead.longQuiet = await createLead(acme, 'long-quiet@acme.test');
      await move(acme, lead.longQuiet, 'mql');
      at(NOON_ISH - 20 * DAY);
      lead.quiet = await createLead(acme, 'quiet@acme.test', { ownerId: rep });
      await move(acme, lead.quiet, 'sal', 'sql');
      at(NOON_ISH - 3 * DAY);
      lead.recent = await createLead(acme, 'recent@acme.test');
      await move(acme, lead.recent, 'sal');
      at(NOON_ISH);
      lead.escalated = await createLead(acme, 'escalated@acme.test');
      lead.overdue = await createLead(acme, 'overdue@acme.test', { ownerId: rep });
      lead.due = await createLead(acme, 'due@acme.test');
      await raiseHand(acme, lead.escalated, NOON_ISH - 40 * MIN);
      await raiseHand(acme, lead.overdue, NOON_ISH - 10 * MIN, 'contact_sales');
      await raiseHand(acme, lead.due, NOON_ISH - MIN);
    });

    it('puts escalated first, then overdue, due, gone quiet and long quiet, each with its reason', async () => {
      at(NOON_ISH);
      const answer = await queue(acme);
      expect(answer.items.map((item) => item.lead.id)).toEqual([
        lead.escalated,
        lead.overdue,
        lead.due,
        lead.quiet,
        lead.longQuiet,
      ]);
      expect(answer.items.map((item) => item.followUp.urgency)).toEqual([
        'escalated',
        'overdue',
        'due',
        'gone_quiet',
        'long_quiet',
      ]);
      expect(answer.counts).toEqual({ escalated: 1, overdue: 1, due: 1, goneQuiet: 1, longQuiet: 1 });
      expect(answer.items[1]?.followUp.nextAction).toMatchObject({
        kind: 'call_now',
        why: 'Contact sales 10 business minutes ago, target 5',
      });
      expect(answer.items[3]?.followUp.nextAction).toMatchObject({
        kind: 're_engage',
        why: 'No activity for 20 days in Sales-qualified (SQL) (quiet after 14)',
      });
      expect(answer.items[4]?.followUp.nextAction?.kind).toBe('nurture_or_disqualify');
      expect(answer.items[0]?.lead).toMatchObject({ email: 'escalated@acme.test', stage: 'mql' });
      expect(answer.asOf).toBe(iso(NOON_ISH));
    });

    it('pages with a cursor, filters by kind and by owner', async () => {
      at(NOON_ISH);
      const first = await queue(acme, '?limit=2');
      const second = await queue(acme, `?limit=2&cursor=${first.nextCursor}`);
      const third = await queue(acme, `?limit=2&cursor=${second.nextCursor}`);
      expect([...first.items, ...second.items, ...third.items].map((item) => item.lead.id)).toEqual([
        lead.escalated,
        lead.overdue,
        lead.due,
        lead.quiet,
        lead.longQuiet,
      ]);
      expect(third.nextCursor).toBeNull();
      expect(second.counts).toBeNull();
      expect((await queue(acme, '?kind=gone_quiet')).counts).toEqual(first.counts);

      const ids = async (query: string) => (await queue(acme, query)).items.map((item) => item.lead.id);
      expect(await ids('?kind=escalated')).toEqual([lead.escalated]);
      expect(await ids('?kind=overdue')).toEqual([lead.escalated, lead.overdue]);
      expect(await ids('?kind=due')).toEqual([lead.due]);
      expect(await ids('?kind=speed_to_lead')).toEqual([lead.escalated, lead.overdue, lead.due]);
      expect(await ids('?kind=gone_quiet')).toEqual([lead.quiet, lead.longQuiet]);
      expect(await ids(`?ownerId=${rep}`)).toEqual([lead.overdue, lead.quiet]);
      expect((await queue(acme, `?ownerId=${rep}`)).counts).toEqual({
        escalated: 0,
        overdue: 1,
        due: 0,
        goneQuiet: 1,
        longQuiet: 0,
      });
    });

    it('refuses bad queries at their pointer', async () => {
      const bad = async (query: string, pointer: string) => {
        const answer = await acme.call<ErrorBody>('GET', `/v1/follow-ups${query}`);
        expect(answer.status).toBe(400);
        expect(answer.body.issues?.[0]).toMatchObject({ location: 'query', pointer });
      };
      await bad('?kind=urgent', '/kind');
      await bad('?limit=0', '/limit');
      await bad('?ownerId=nobody', '/ownerId');
      await bad('?ownerId=0190a5c4-0000-7000-8000-000000000001', '/ownerId');
      await bad('?cursor=bm90LWEtY3Vyc29y', '/cursor');
    });
  });

  it('stops the clock at contact: a move to SAL or a logged touch, listed on the lead; a touch resets silence', async () => {
    const acme = await t.tenant('Acme');
    at(NOON_ISH);
    const accepted = await createLead(acme, 'accepted@acme.test');
    const called = await createLead(acme, 'called@acme.test');
    const early = await createLead(acme, 'early@acme.test');
    await raiseHand(acme, accepted, NOON_ISH - 10 * MIN);
    await raiseHand(acme, called, NOON_ISH - 3 * MIN);
    await raiseHand(acme, early, NOON_ISH - 20 * MIN);

    await move(acme, accepted, 'sal');
    expect((await followUpOf(acme, accepted)).clock).toMatchObject({ state: 'late', overdueMinutes: 5 });

    const touched = await acme.call<TouchResult>('POST', `/v1/leads/${called}/touches`, {
      kind: 'call',
      note: 'Left a voicemail, booked a slot for tomorrow',
    });
    expect(touched.status).toBe(201);
    expect(touched.body.touch).toMatchObject({ kind: 'call', at: iso(NOON_ISH), actor: { kind: 'api_key' } });
    expect(touched.body.followUp.clock).toMatchObject({ state: 'met', elapsedMinutes: 3 });
    expect(touched.body.followUp.nextAction).toBeNull();
    const lead = await acme.call<Lead>('GET', `/v1/leads/${called}`);
    expect(lead.body).toMatchObject({ stage: 'mql', firstContactedAt: iso(NOON_ISH) });
    const listed = await acme.call<{ items: { id: string; note: string }[] }>(
      'GET',
      `/v1/leads/${called}/touches`,
    );
    expect(listed.body.items).toEqual([expect.objectContaining({ id: touched.body.touch.id })]);

    // A touch from before the hand-raise does not answer it.
    const before = await acme.call<TouchResult>('POST', `/v1/leads/${early}/touches`, {
      kind: 'email',
      at: iso(NOON_ISH - 60 * MIN),
    });
    expect(before.body.followUp.clock?.state).toBe('overdue');

    expect((await queue(acme)).items.map((item) => item.lead.id)).toEqual([early]);

    // Fifteen quiet days later the accepted lead has gone quiet; a touch makes it active again.
    at(NOON_ISH + 15 * DAY);
    expect((await followUpOf(acme, accepted)).urgency).toBe('gone_quiet');
    await acme.call('POST', `/v1/leads/${accepted}/touches`, { kind: 'linkedin' });
    expect((await followUpOf(acme, accepted)).quiet).toMatchObject({ quiet: false, days: 0 });
  });

  it('sweeps each breach, escalation and silence into one webhook event, and a later silence into a new one', async () => {
    const acme = await t.tenant('Acme');
    const hook = await acme.call('POST', '/v1/webhooks', {
      url: 'https://hooks.example.com/triage',
      events: ['lead.sla_breached', 'lead.escalated', 'lead.gone_quiet'],
    });
    expect(hook.status).toBe(201);
    at(NOON_ISH - 20 * DAY);
    const quiet = await createLead(acme, 'quiet@sweep.test');
    await move(acme, quiet, 'sal');
    at(NOON_ISH);
    const late = await createLead(acme, 'late@sweep.test');
    const waiting = await createLead(acme, 'waiting@sweep.test');
    await raiseHand(acme, late, NOON_ISH - 31 * MIN);
    await raiseHand(acme, waiting, NOON_ISH - 2 * MIN);

    const outbox = async () =>
      (
        await rows<{ type: string; body: string }>(
          t.database.db,
          sql`select type, body from webhook_events where tenant_id = ${acme.tenantId} order by created_at, type`,
        )
      ).map((row) => JSON.parse(row.body) as WebhookPayload);

    expect(await sweepFollowUps(t.app.ctx, acme.tenantId)).toEqual({
      breached: 1,
      escalated: 1,
      goneQuiet: 1,
    });
    expect(await sweepFollowUps(t.app.ctx, acme.tenantId)).toEqual({
      breached: 0,
      escalated: 0,
      goneQuiet: 0,
    });
    const first = await outbox();
    expect(first.map((event) => event.type).sort()).toEqual([
      'lead.escalated',
      'lead.gone_quiet',
      'lead.sla_breached',
    ]);
    expect(first.find((event) => event.type === 'lead.escalated')).toMatchObject({
      data: {
        leadId: late,
        stage: 'mql',
        trigger: 'demo_request',
        handRaisedAt: iso(NOON_ISH - 31 * MIN),
        dueAt: iso(NOON_ISH - 26 * MIN),
        overdueMinutes: 26,
        escalateAfterMinutes: 25,
      },
    });
    expect(first.find((event) => event.type === 'lead.gone_quiet')).toMatchObject({
      data: { leadId: quiet, stage: 'sal', quietDays: 20, afterDays: 14, nextAction: { kind: 're_engage' } },
    });

    // The waiting lead's clock breaks later; the quiet lead is touched, then goes quiet again: new episodes.
    at(NOON_ISH + 10 * MIN);
    await acme.call('POST', `/v1/leads/${quiet}/touches`, { kind: 'call' });
    expect(await sweepFollowUps(t.app.ctx, acme.tenantId)).toEqual({
      breached: 1,
      escalated: 0,
      goneQuiet: 0,
    });
    at(NOON_ISH + 15 * DAY);
    const later = await sweepFollowUps(t.app.ctx, acme.tenantId);
    expect(later).toMatchObject({ escalated: 1, goneQuiet: 1 });
    expect(await sweepFollowUps(t.app.ctx, acme.tenantId)).toEqual({
      breached: 0,
      escalated: 0,
      goneQuiet: 0,
    });
    const all = await outbox();
    expect(
      all.filter((event) => event.type === 'lead.gone_quiet' && event.data.leadId === quiet),
    ).toHaveLength(2);
    expect(
      all
        .filter((event) => event.type === 'lead.sla_breached')
        .map((event) => event.data.leadId)
        .sort(),
    ).toEqual([late, waiting].sort());
  });

  it("answers 404 for another workspace's lead, on the lead, its touches and a new touch", async () => {
    const acme = await t.tenant('Acme');
    const globex = await t.tenant('Globex');
    at(NOON_ISH);
    const id = await createLead(acme, 'secret@acme.test');
    expect((await globex.call('GET', `/v1/leads/${id}`)).status).toBe(404);
    expect((await globex.call('GET', `/v1/leads/${id}/touches`)).status).toBe(404);
    expect((await globex.call('POST', `/v1/leads/${id}/touches`, { kind: 'call' })).status).toBe(404);
    expect((await queue(globex)).items).toEqual([]);
  });

  it('refuses a bad touch at its pointer and stores nothing', async () => {
    const acme = await t.tenant('Acme');
    at(NOON_ISH);
    const id = await createLead(acme, 'valid@acme.test');
    const bad = async (body: object, pointer: string) => {
      const answer = await acme.call<ErrorBody>('POST', `/v1/leads/${id}/touches`, body);
      expect(answer.status).toBe(400);
      expect(answer.body.issues?.[0]).toMatchObject({ location: 'body', pointer });
    };
    await bad({ kind: 'fax' }, '/kind');
    await bad({}, '/kind');
    await bad({ kind: 'call', at: 'yesterday' }, '/at');
    await bad({ kind: 'call', at: iso(NOON_ISH + DAY) }, '/at');
    await bad({ kind: 'call', note: '' }, '/note');
    await bad({ kind: 'call', outcome: 'reached' }, '/outcome');
    const listed = await acme.call<{ items: unknown[] }>('GET', `/v1/leads/${id}/touches`);
    expect(listed.body.items).toEqual([]);
  });

  it('validates the followUp policy section and fills it for a policy sent without it', async () => {
    const acme = await t.tenant('Acme');
    const badZone = await publishFollowUp(acme, { businessHours: { timeZone: 'Mars/Olympus_Mons' } });
    expect(badZone.status).toBe(400);
    expect(badZone.body.issues).toEqual([
      expect.objectContaining({ location: 'body', pointer: '/policy/followUp/businessHours/timeZone' }),
    ]);
    const badHours = await publishFollowUp(acme, { businessHours: { start: '18:00', end: '09:00' } });
    expect(badHours.body.issues?.[0]?.pointer).toBe('/policy/followUp/businessHours/end');

    const live = await acme.call<PolicyView>('GET', '/v1/policy');
    const { followUp: _dropped, ...withoutSection } = live.body.policy;
    const published = await acme.call<PolicyView>('PUT', '/v1/policy', { policy: withoutSection });
    expect(published.status).toBe(201);
    expect(published.body.policy.followUp).toEqual(live.body.policy.followUp);
    expect(published.body.policy.followUp.speedToLead).toMatchObject({
      targetMinutes: 5,
      escalateAfterMinutes: 25,
    });
  });

  it('reads a policy stored before the followUp section existed with the default section', async () => {
    const acme = await t.tenant('Acme');
    const live = await acme.call<PolicyView>('GET', '/v1/policy');
    const { followUp: defaults, ...stored } = live.body.policy;
    await insertPolicy(t.database.db, {
      tenantId: acme.tenantId,
      version: live.body.version + 1,
      policy: stored,
      note: 'stored before follow-up existed',
      createdBy: null,
    });
    t.app.ctx.policies.invalidate(acme.tenantId);

    const read = await acme.call<PolicyView>('GET', '/v1/policy');
    expect(read.body.version).toBe(live.body.version + 1);
    expect(read.body.policy.followUp).toEqual(defaults);
    at(NOON_ISH);
    const lead = await createLead(acme, 'old-policy@contoso.com');
    await raiseHand(acme, lead, NOON_ISH - MIN);
    expect((await followUpOf(acme, lead)).clock).toMatchObject({ state: 'pending' });
    expect((await queue(acme)).items.map((item) => item.lead.id)).toContain(lead);
  });
});
