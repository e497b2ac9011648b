import type {
  AssessmentView,
  ErrorBody,
  Lead,
  LeadDuplicates,
  LeadList,
  LeadMergeList,
  LeadScore,
  MergeResult,
  Transition,
  WebhookPayload,
} from '@triage/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/sql';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

type Created = Lead & { possibleDuplicates?: { id: string; score: number; verdict: string }[] };
type MergedError = ErrorBody & { mergedInto?: string };
type LeadEventList = { items: { id: string }[] };
type TransitionList = { items: Transition[] };

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

describe.each(dbTargets())('duplicates and merge on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;

  const create = async (tenant: TestTenant, body: object) => {
    const created = await tenant.call<Created>('POST', '/v1/leads', body);
    expect(created.status).toBe(201);
    return created.body;
  };
  const events = async (tenant: TestTenant, list: object[]) => {
    const sent = await tenant.call('POST', '/v1/events', { events: list });
    expect(sent.status).toBe(200);
  };
  const merge = (tenant: TestTenant, survivorId: string, body: object) =>
    tenant.call<MergeResult & MergedError>('POST', `/v1/leads/${survivorId}/merge`, body);
  const countWhere = async (table: string, leadId: string) =>
    (
      await rows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from ${sql.raw(table)} where lead_id = ${leadId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await startTestApp(target, { webhooks: { allowPrivateTargets: true } });
    acme = await t.tenant('Acme');
  });
  afterAll(() => t.close());

  it('lists likely duplicates with their reasons, and not a colleague with the same last name', async () => {
    const jan = await create(acme, {
      email: 'jan.kowalski@kowalski-steel.pl',
      firstName: 'Jan',
      lastName: 'Kowalski',
      phone: '+48 600 100 200',
    });
    const colleague = await create(acme, {
      email: 'piotr.kowalski@kowalski-steel.pl',
      firstName: 'Piotr',
      lastName: 'Kowalski',
    });
    expect(colleague.possibleDuplicates).toBeUndefined();
    const again = await create(acme, {
      email: 'j.kowalski+expo@kowalski-steel.pl',
      firstName: 'J.',
      lastName: 'KOWALSKI',
    });
    // Captured all the same, with the hint.
    expect(again.possibleDuplicates?.map((d) => d.id)).toEqual([jan.id]);
    const home = await create(acme, {
      email: 'jan.kowalski@gmail.com',
      firstName: 'Jan',
      lastName: 'Kowalski',
      phone: '600-100-200',
    });

    const found = await acme.call<LeadDuplicates>('GET', `/v1/leads/${jan.id}/duplicates`);
    expect(found.status).toBe(200);
    const byId = new Map(found.body.items.map((item) => [item.lead.id, item]));
    expect(byId.get(again.id)?.verdict).toBe('likely');
    expect(byId.get(home.id)?.verdict).toBe('likely');
    expect(byId.get(home.id)?.reasons.map((r) => r.signal)).toEqual(
      expect.arrayContaining(['first_name', 'last_name', 'phone', 'email_local_part']),
    );
    expect(byId.has(colleague.id)).toBe(false);
    expect(found.body.items.map((i) => i.score)).toEqual(
      [...found.body.items.map((i) => i.score)].sort((a, b) => b - a),
    );
    expect(found.body.thresholds).toEqual({ likely: 0.8, possible: 0.5 });
    expect(found.body.candidatesScored).toBeGreaterThanOrEqual(3);
  });

  it('keeps a common name at two different companies out of the list', async () => {
    const initech = await create(acme, {
      email: 'john.smith@initech.com',
      firstName: 'John',
      lastName: 'Smith',
    });
    const globex = await create(acme, {
      email: 'john.smith@globex.com',
      firstName: 'John',
      lastName: 'Smith',
    });
    expect(globex.possibleDuplicates).toBeUndefined();
    const found = await acme.call<LeadDuplicates>('GET', `/v1/leads/${initech.id}/duplicates`);
    expect(found.body.items.map((i) => i.lead.id)).not.toContain(globex.id);
    expect(found.body.candidatesScored).toBeGreaterThanOrEqual(1);
  });

  it('merges: events keep their ids, heat equals a fresh replay of both ledgers, gaps are filled', async () => {
    t.clock.now = T0;
    const survivor = await create(acme, {
      email: 'marta.nowak@vistula.pl',
      firstName: 'Marta',
      lastName: 'Nowak',
    });
    const duplicate = await create(acme, {
      email: 'marta.nowak@gmail.com',
      firstName: 'Marta',
      lastName: 'Nowak',
      title: 'Head of Procurement',
      phone: '+48 501 502 503',
      custom: { budgetPln: 40000 },
    });
    await events(acme, [
      { id: 'm-1', leadId: survivor.id, type: 'page_view', occurredAt: at(T0 - 3 * DAY) },
      { id: 'm-2', leadId: survivor.id, type: 'pricing_page', occurredAt: at(T0 - 2 * DAY) },
      { id: 'm-3', leadId: duplicate.id, type: 'content_download', occurredAt: at(T0 - 5 * DAY) },
      { id: 'm-4', leadId: duplicate.id, type: 'webinar_attended', occurredAt: at(T0 - DAY) },
      { id: 'm-5', leadId: duplicate.id, type: 'page_view', occurredAt: at(T0 - 4 * DAY) },
    ]);
    const call = await acme.call('POST', `/v1/leads/${duplicate.id}/touches`, {
      kind: 'call',
      at: at(T0 - DAY),
      note: 'Left a voicemail',
    });
    expect(call.status).toBe(201);
    t.clock.now = T0 + DAY;

    const merged = await merge(acme, survivor.id, { duplicateId: duplicate.id });
    expect(merged.status).toBe(200);
    expect(merged.body.moved).toMatchObject({ events: 3, transitions: 1, touches: 1 });
    const touches = await acme.call<{ items: { note: string | null }[] }>(
      'GET',
      `/v1/leads/${survivor.id}/touches`,
    );
    expect(touches.body.items.map((touch) => touch.note)).toEqual(['Left a voicemail']);
    expect(await countWhere('follow_up_alerts', duplicate.id)).toBe(0);
    expect(merged.body.changes.map((c) => c.field)).toEqual(['title', 'phone', 'custom']);
    expect(merged.body.lead).toMatchObject({
      email: 'marta.nowak@vistula.pl',
      title: 'Head of Procurement',
      phone: '+48 501 502 503',
      custom: { budgetPln: 40000 },
    });

    const ledger = await acme.call<LeadEventList>('GET', `/v1/leads/${survivor.id}/events`);
    expect(ledger.body.items.map((e) => e.id).sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5']);
    // The score endpoint replays the ledger from scratch: the stored heat must be exactly that.
    const score = await acme.call<LeadScore>('GET', `/v1/leads/${survivor.id}/score`);
    const lead = await acme.call<Lead>('GET', `/v1/leads/${survivor.id}`);
    expect(lead.body.engagement).toBe(score.body.engagement.value);
    expect(merged.body.engagement.after).toBe(score.body.engagement.value);
    expect(merged.body.engagement.after).toBeGreaterThan(merged.body.engagement.before);

    const history = await acme.call<TransitionList>('GET', `/v1/leads/${survivor.id}/transitions`);
    expect(history.body.items.filter((tr) => tr.from === null)).toHaveLength(2);
    const records = await acme.call<LeadMergeList>('GET', `/v1/leads/${survivor.id}/merges`);
    expect(records.body.items).toEqual([
      expect.objectContaining({
        mergedLeadId: duplicate.id,
        mergedEmail: 'marta.nowak@gmail.com',
        survivorId: survivor.id,
        actor: expect.objectContaining({ kind: 'api_key' }),
      }),
    ]);
  });

  it('leaves a tombstone: 404 with mergedInto, not listed, its email and events lead to the survivor', async () => {
    const survivor = await create(acme, { email: 'ola@fjord.no', firstName: 'Ola', lastName: 'Nordmann' });
    const duplicate = await create(acme, {
      email: 'ola.nordmann@gmail.com',
      firstName: 'Ola',
      lastName: 'Nordmann',
    });
    expect((await merge(acme, survivor.id, { duplicateId: duplicate.id })).status).toBe(200);

    const gone = await acme.call<MergedError>('GET', `/v1/leads/${duplicate.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: 'lead_merged', mergedInto: survivor.id });
    const listed = await acme.call<LeadList>('GET', '/v1/leads?q=ola.nordmann');
    expect(listed.body.items).toHaveLength(0);
    // An integration still sending the old address reaches the survivor; a form cannot re-create the duplicate.
    await events(acme, [
      { id: 'ola-1', email: 'ola.nordmann@gmail.com', type: 'page_view', occurredAt: at(t.clock.now) },
    ]);
    expect(await countWhere('events', survivor.id)).toBe(1);
    const again = await acme.call<ErrorBody>('POST', '/v1/leads', { email: 'ola.nordmann@gmail.com' });
    expect(again.status).toBe(400);

    // Merged again, the old tombstone follows to the newest survivor.
    const third = await create(acme, {
      email: 'o.nordmann@fjord-group.no',
      firstName: 'Ola',
      lastName: 'Nordmann',
    });
    expect((await merge(acme, third.id, { duplicateId: survivor.id })).status).toBe(200);
    const followed = await acme.call<MergedError>('GET', `/v1/leads/${duplicate.id}`);
    expect(followed.body.mergedInto).toBe(third.id);
    const records = await acme.call<LeadMergeList>('GET', `/v1/leads/${third.id}/merges`);
    expect(records.body.items.map((r) => r.mergedLeadId).sort()).toEqual([duplicate.id, survivor.id].sort());
  });

  it("merges assessments: the survivor's answers stay, the duplicate's fill the unknown ones", async () => {
    const survivor = await create(acme, { email: 'eva@kraft.de', firstName: 'Eva', lastName: 'Braun' });
    const duplicate = await create(acme, { email: 'eva.braun@web.de', firstName: 'Eva', lastName: 'Braun' });
    const put = (id: string, criteria: object) =>
      acme.call<AssessmentView>('PUT', `/v1/leads/${id}/assessments/bant`, { criteria });
    expect((await put(survivor.id, { budget: { status: 'met', evidence: '50k EUR approved' } })).status).toBe(
      200,
    );
    expect(
      (
        await put(duplicate.id, {
          budget: { status: 'not_met', evidence: 'no money' },
          need: { status: 'met', evidence: 'manual reporting takes days' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await acme.call('PUT', `/v1/leads/${duplicate.id}/assessments/meddic`, {
          criteria: { identify_pain: { status: 'met' } },
        })
      ).status,
    ).toBe(200);

    const merged = await merge(acme, survivor.id, { duplicateId: duplicate.id });
    expect(merged.status).toBe(200);
    expect(merged.body.assessments).toEqual([{ framework: 'bant', takenFromDuplicate: ['need'] }]);
    expect(merged.body.moved.assessments).toBe(1);
    const bant = await acme.call<AssessmentView>('GET', `/v1/leads/${survivor.id}/assessments/bant`);
    const status = Object.fromEntries(bant.body.criteria.map((c) => [c.key, [c.status, c.evidence]]));
    expect(status.budget).toEqual(['met', '50k EUR approved']);
    expect(status.need).toEqual(['met', 'manual reporting takes days']);
    const meddic = await acme.call<AssessmentView>('GET', `/v1/leads/${survivor.id}/assessments/meddic`);
    expect(meddic.body.criteria.find((c) => c.key === 'identify_pain')?.status).toBe('met');
  });

  it('writes a lead.merged webhook event in the same transaction when an endpoint listens', async () => {
    const tenant = await t.tenant('Hooked');
    const hook = await tenant.call('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['lead.merged'],
    });
    expect(hook.status).toBe(201);
    const survivor = await create(tenant, { email: 'li@lotus.cn', firstName: 'Li', lastName: 'Wei' });
    const duplicate = await create(tenant, { email: 'li.wei@qq.com', firstName: 'Li', lastName: 'Wei' });
    expect((await merge(tenant, survivor.id, { duplicateId: duplicate.id })).status).toBe(200);
    const outbox = await rows<{ type: string; body: string }>(
      t.database.db,
      sql`select type, body from webhook_events where tenant_id = ${tenant.tenantId}`,
    );
    expect(outbox.map((row) => row.type)).toEqual(['lead.merged']);
    const payload = JSON.parse(outbox[0]!.body) as WebhookPayload;
    expect(payload.data).toMatchObject({
      leadId: survivor.id,
      mergedLeadId: duplicate.id,
      mergedEmail: 'li.wei@qq.com',
    });
  });

  it('takes the further stage and lets a field choice pick the duplicate’s value', async () => {
    const survivor = await create(acme, {
      email: 'ana@lisboa.pt',
      firstName: 'Ana',
      lastName: 'Silva',
      title: 'Analyst',
    });
    const duplicate = await create(acme, {
      email: 'ana.silva@gmail.com',
      firstName: 'Ana',
      lastName: 'Silva',
      title: 'CFO',
    });
    for (const to of ['mql', 'sal'])
      expect((await acme.call('POST', `/v1/leads/${duplicate.id}/transitions`, { to })).status).toBe(201);
    const merged = await merge(acme, survivor.id, {
      duplicateId: duplicate.id,
      fields: { title: 'duplicate', email: 'duplicate' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.lead).toMatchObject({
      stage: 'sal',
      title: 'CFO',
      email: 'ana.silva@gmail.com',
      seniority: 'c_level',
    });
    // The address that lost its row is the survivor's old one: it now leads to the survivor.
    await events(acme, [
      { id: 'ana-1', email: 'ana@lisboa.pt', type: 'page_view', occurredAt: at(t.clock.now) },
    ]);
    expect(await countWhere('events', survivor.id)).toBe(1);
  });

  it('refuses bad merges with a clear status and changes nothing', async () => {
    const a = await create(acme, { email: 'guard.a@guard.io', firstName: 'Gus', lastName: 'Ard' });
    const b = await create(acme, { email: 'guard.b@guard.io', firstName: 'Gus', lastName: 'Ard' });
    const self = await merge(acme, a.id, { duplicateId: a.id });
    expect(self.status).toBe(400);
    expect(self.body.issues?.[0]?.pointer).toBe('/duplicateId');

    const badChoice = await merge(acme, a.id, {
      duplicateId: b.id,
      fields: { firstName: 'newest', shoeSize: 'survivor' },
    });
    expect(badChoice.status).toBe(400);
    expect(badChoice.body.issues?.map((i) => i.pointer).sort()).toEqual([
      '/fields/firstName',
      '/fields/shoeSize',
    ]);

    const other = await t.tenant('Other');
    const foreign = await create(other, { email: 'guard.a@guard.io', firstName: 'Gus', lastName: 'Ard' });
    expect((await merge(acme, a.id, { duplicateId: foreign.id })).status).toBe(404);
    expect((await merge(other, foreign.id, { duplicateId: a.id })).status).toBe(404);

    expect((await merge(acme, a.id, { duplicateId: b.id })).status).toBe(200);
    const intoTombstone = await merge(acme, b.id, { duplicateId: a.id });
    expect(intoTombstone.status).toBe(404);
    expect(intoTombstone.body.mergedInto).toBe(a.id);
    const tombstoneAgain = await merge(acme, a.id, { duplicateId: b.id });
    expect(tombstoneAgain.status).toBe(409);
    expect(tombstoneAgain.body).toMatchObject({ error: 'already_merged', mergedInto: a.id });
  });

  it('asks for force before merging two customers of different accounts', async () => {
    const one = await create(acme, { email: 'kim@alpha-corp.com', firstName: 'Kim', lastName: 'Lee' });
    const two = await create(acme, { email: 'kim@beta-corp.com', firstName: 'Kim', lastName: 'Lee' });
    for (const lead of [one, two])
      for (const to of ['mql', 'sal', 'sql', 'opportunity', 'customer'])
        expect((await acme.call('POST', `/v1/leads/${lead.id}/transitions`, { to })).status).toBe(201);
    const refused = await merge(acme, one.id, { duplicateId: two.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('customers_of_different_accounts');
    expect((await acme.call('GET', `/v1/leads/${two.id}`)).status).toBe(200);
    expect((await merge(acme, one.id, { duplicateId: two.id, force: true })).status).toBe(200);
  });

  it('lets one of two concurrent merges of the same duplicate win; the other gets 409 and writes nothing', async () => {
    const first = await create(acme, { email: 'race.1@race.dev', firstName: 'Rae', lastName: 'Cer' });
    const second = await create(acme, { email: 'race.2@race.dev', firstName: 'Rae', lastName: 'Cer' });
    const duplicate = await create(acme, { email: 'race@gmail.com', firstName: 'Rae', lastName: 'Cer' });
    await events(acme, [
      { id: 'race-1', leadId: duplicate.id, type: 'pricing_page', occurredAt: at(t.clock.now) },
    ]);
    const answers = await Promise.all([
      merge(acme, first.id, { duplicateId: duplicate.id }),
      merge(acme, second.id, { duplicateId: duplicate.id }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers[0]!.status === 200 ? first : second;
    const loser = winner === first ? second : first;
    expect(await countWhere('events', winner.id)).toBe(1);
    expect(await countWhere('events', loser.id)).toBe(0);
    expect(await countWhere('stage_transitions', loser.id)).toBe(1);
  });

  it('writes nothing when the merge fails midway', async () => {
    const survivor = await create(acme, { email: 'half@written.io', firstName: 'Hal', lastName: 'Written' });
    const duplicate = await create(acme, {
      email: 'half.written@gmail.com',
      firstName: 'Hal',
      lastName: 'Written',
    });
    await events(acme, [
      { id: 'half-1', leadId: duplicate.id, type: 'demo_request', occurredAt: at(t.clock.now) },
    ]);
    // The last statement of the merge (the tombstone) fails: everything before it must roll back.
    await t.database.db.execute(
      sql`alter table lead_merges add constraint merge_fails check (email <> 'half.written@gmail.com')`,
    );
    try {
      expect((await merge(acme, survivor.id, { duplicateId: duplicate.id })).status).toBe(500);
    } finally {
      await t.database.db.execute(sql`alter table lead_merges drop constraint merge_fails`);
    }
    expect((await acme.call('GET', `/v1/leads/${duplicate.id}`)).status).toBe(200);
    expect(await countWhere('events', duplicate.id)).toBe(1);
    expect(await countWhere('events', survivor.id)).toBe(0);
    expect(await countWhere('stage_transitions', survivor.id)).toBe(1);
    expect((await merge(acme, survivor.id, { duplicateId: duplicate.id })).status).toBe(200);
  });
});
