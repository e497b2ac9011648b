import type { Account, Lead, LeadList, LeadWithFollowUp } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

describe.each(dbTargets())('leads API on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
  });
  afterAll(() => t.close());

  it('creates a lead, links its account by email domain and scores its fit', async () => {
    const created = await acme.call<Lead>('POST', '/v1/leads', {
      email: 'Jane.Doe@Initech.io',
      firstName: 'Jane',
      lastName: 'Doe',
      title: 'VP of Sales',
      source: 'webinar',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('jane.doe@initech.io');
    expect(created.body.name).toBe('Jane Doe');
    expect(created.body.company).toBe('initech.io');
    expect(created.body.seniority).toBe('vp');
    expect(created.body.stage).toBe('lead');
    expect(created.body.fit).toBeGreaterThan(0);
    const { followUp, ...fetched } = (
      await acme.call<LeadWithFollowUp>('GET', `/v1/leads/${created.body.id}`)
    ).body;
    expect(fetched).toEqual(created.body);
    expect(followUp).toMatchObject({ urgency: 'none', clock: null, nextAction: null });
  });

  it('refuses bad input with the offending fields and stores nothing', async () => {
    const bad = await acme.call<{ error: string; issues: { pointer: string }[] }>('POST', '/v1/leads', {
      email: 'not-an-email',
      country: 'Germany',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(bad.body.issues.map((i) => i.pointer).sort()).toEqual(['/country', '/email']);
    const list = await acme.call<LeadList>('GET', '/v1/leads?q=not-an-email');
    expect(list.body.items).toHaveLength(0);
  });

  it('refuses a second account with the same domain, naming the field', async () => {
    expect(
      (await acme.call('POST', '/v1/accounts', { name: 'Vandelay', domain: 'vandelay.com' })).status,
    ).toBe(201);
    const again = await acme.call<{ issues: { pointer: string }[] }>('POST', '/v1/accounts', {
      name: 'Vandelay Industries',
      domain: 'VANDELAY.com',
    });
    expect(again.status).toBe(400);
    expect(again.body.issues[0]?.pointer).toBe('/domain');
  });

  it('clears an account fact with null, and the fit of its leads follows; the name cannot be cleared', async () => {
    const account = await acme.call<Account>('POST', '/v1/accounts', {
      name: 'Hooli',
      domain: 'hooli.com',
      industry: 'software',
      employees: 400,
      country: 'US',
    });
    const lead = await acme.call<Lead>('POST', '/v1/leads', {
      email: 'gavin@hooli.com',
      title: 'VP of Sales',
    });
    expect(lead.body.accountId).toBe(account.body.id);
    const cleared = await acme.call<Account>('PATCH', `/v1/accounts/${account.body.id}`, {
      industry: null,
      employees: null,
      domain: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      name: 'Hooli',
      industry: null,
      employees: null,
      domain: null,
      country: 'US',
    });
    const after = await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`);
    expect(after.body.fit).toBeLessThan(lead.body.fit);
    const nameless = await acme.call<{ issues: { pointer: string }[] }>(
      'PATCH',
      `/v1/accounts/${account.body.id}`,
      {
        name: null,
      },
    );
    expect(nameless.status).toBe(400);
    expect(nameless.body.issues.map((i) => i.pointer)).toEqual(['/name']);
  });

  it('refuses a duplicate email', async () => {
    await acme.call('POST', '/v1/leads', { email: 'dup@initech.io' });
    const again = await acme.call<{ issues: { pointer: string }[] }>('POST', '/v1/leads', {
      email: 'DUP@initech.io',
    });
    expect(again.status).toBe(400);
    expect(again.body.issues[0]?.pointer).toBe('/email');
  });

  it("never shows another tenant's lead", async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'secret@umbrella.com' });
    expect((await globex.call('GET', `/v1/leads/${lead.body.id}`)).status).toBe(404);
    expect((await globex.call('PATCH', `/v1/leads/${lead.body.id}`, { title: 'CEO' })).status).toBe(404);
    expect((await globex.call('GET', `/v1/leads/${lead.body.id}/score`)).status).toBe(404);
    const list = await globex.call<LeadList>('GET', '/v1/leads');
    expect(list.body.items.map((l) => l.email)).not.toContain('secret@umbrella.com');
  });

  it('rejects requests without a valid API key', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/leads' });
    expect(response.statusCode).toBe(401);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/v1/leads',
      headers: { authorization: 'Bearer trg_nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('patches a lead and rescoring follows the new title', async () => {
    const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'sam@hooli.com', title: 'Intern' });
    const patched = await acme.call<Lead>('PATCH', `/v1/leads/${lead.body.id}`, {
      title: 'Chief Financial Officer',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.seniority).toBe('c_level');
    expect(patched.body.fit).toBeGreaterThanOrEqual(lead.body.fit);
    const empty = await acme.call('PATCH', `/v1/leads/${lead.body.id}`, {});
    expect(empty.status).toBe(400);
  });

  it('pages through a sorted list with a cursor', async () => {
    for (let i = 0; i < 7; i++)
      await acme.call('POST', '/v1/leads', { email: `page${i}@pager.dev`, source: 'pager' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/leads?sort=created&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: LeadList } = await acme.call<LeadList>('GET', url);
      seen.push(...page.body.items.map((l) => l.email));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((e) => e.endsWith('@pager.dev'))).toHaveLength(7);
    const bad = await acme.call('GET', '/v1/leads?cursor=garbage');
    expect(bad.status).toBe(400);
  });
});
