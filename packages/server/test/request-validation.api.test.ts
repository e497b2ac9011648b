import type { ErrorBody, FieldIssue, Lead, LeadList } from '@triage/contracts';
import { getBuiltInFramework } from '@triage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLeadsBulk } from '../src/modules/leads/bulk-insert-leads';
import { insertUser } from '../src/modules/users/users.repository';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

type ErrorReply = ErrorBody & { issues: FieldIssue[] };

const at = (ms: number) => new Date(ms).toISOString();

describe.each(dbTargets())('request validation on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
  });
  afterAll(() => t.close());

  describe('page cursors', () => {
    const cursors: Record<string, string> = {};

    beforeAll(async () => {
      for (let i = 0; i < 4; i++) {
        const lead = await acme.call<{ id: string }>('POST', '/v1/leads', { email: `c${i}@cursor.dev` });
        await acme.call('POST', '/v1/events', {
          events: [
            { id: `cursor-${i}`, leadId: lead.body.id, type: 'pricing_page_view', occurredAt: at(T0) },
          ],
        });
        await acme.call('POST', '/v1/accounts', { name: `Cursor ${i}` });
      }
      for (const sort of ['heat', 'fit', 'created']) {
        const page = await acme.call<LeadList>('GET', `/v1/leads?sort=${sort}&limit=2`);
        cursors[sort] = page.body.nextCursor!;
      }
      const accounts = await acme.call<LeadList>('GET', '/v1/accounts?limit=2');
      cursors.accounts = accounts.body.nextCursor!;
    });

    it('refuses a cursor issued for another sort or list with a 400 on /cursor, never a 500', async () => {
      const misuses = [
        ['heat', 'fit'],
        ['heat', 'created'],
        ['created', 'heat'],
        ['created', 'fit'],
        ['fit', 'heat'],
        ['accounts', 'heat'],
      ] as const;
      for (const [issued, used] of misuses) {
        const reply = await acme.call<ErrorReply>('GET', `/v1/leads?sort=${used}&cursor=${cursors[issued]}`);
        expect(reply.status, `${issued} cursor with sort=${used}`).toBe(400);
        expect(reply.body.issues).toEqual([
          { location: 'query', pointer: '/cursor', message: expect.stringMatching(/another (sort|list)/) },
        ]);
      }
      const leadsOnAccounts = await acme.call<ErrorReply>('GET', `/v1/accounts?cursor=${cursors.fit}`);
      expect(leadsOnAccounts.status).toBe(400);
      expect(leadsOnAccounts.body.issues[0]?.message).toMatch(/another list/);
    });

    it('still pages with a cursor used on the sort it came from', async () => {
      for (const sort of ['heat', 'fit', 'created']) {
        const next = await acme.call<LeadList>(
          'GET',
          `/v1/leads?sort=${sort}&limit=2&cursor=${cursors[sort]}`,
        );
        expect(next.status).toBe(200);
        expect(next.body.items.length).toBeGreaterThan(0);
      }
    });

    it('refuses a tampered or garbage cursor with a 400', async () => {
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const tampered = [
        'garbage',
        encode({ list: 'leads:fit', key: ['1491.85', '00000000-0000-0000-0000-000000000000'] }),
        encode({ list: 'leads:fit', key: [12.5, '00000000-0000-0000-0000-000000000000'] }),
        encode({ list: 'leads:created', key: ['yesterday', '00000000-0000-0000-0000-000000000000'] }),
        encode({ list: 'leads:heat', key: [1, 'not-a-uuid'] }),
        encode([1, '00000000-0000-0000-0000-000000000000']),
        encode(null),
      ];
      for (const [i, cursor] of tampered.entries()) {
        const sort = ['heat', 'fit', 'created'][i % 3];
        const reply = await acme.call<ErrorReply>('GET', `/v1/leads?sort=${sort}&cursor=${cursor}`);
        expect(reply.status, cursor).toBe(400);
        expect(reply.body.issues[0]?.pointer).toBe('/cursor');
      }
    });
  });

  describe('lead owners', () => {
    let acmeRep: string;
    let globexRep: string;
    const stranger = '0190a5c4-0000-7000-8000-000000000001';

    beforeAll(async () => {
      const user = (tenantId: string, email: string) =>
        insertUser(t.database.db, { tenantId, email, name: email, role: 'rep', passwordHash: null });
      acmeRep = (await user(acme.tenantId, 'rep@acme.test')).id;
      globexRep = (await user(globex.tenantId, 'rep@globex.test')).id;
    });

    const ownerIssue = [
      { location: 'body', pointer: '/ownerId', message: 'no user with this id in this workspace' },
    ];

    it("refuses an owner that is not a user of the workspace, another tenant's user included", async () => {
      for (const ownerId of [stranger, globexRep]) {
        const email = `owned-${ownerId.slice(-4)}@owners.dev`;
        const created = await acme.call<ErrorReply>('POST', '/v1/leads', { email, ownerId });
        expect(created.status).toBe(400);
        expect(created.body.issues).toEqual(ownerIssue);
        const listed = await acme.call<LeadList>('GET', `/v1/leads?owner=${ownerId}`);
        expect(listed.body.items).toHaveLength(0);
        expect((await acme.call<LeadList>('GET', `/v1/leads?q=${email}`)).body.items).toHaveLength(0);
      }
    });

    it('refuses an unknown owner in a patch and leaves the lead as it was', async () => {
      const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'kept@owners.dev', ownerId: acmeRep });
      expect(lead.status).toBe(201);
      expect(lead.body.ownerId).toBe(acmeRep);
      for (const ownerId of [stranger, globexRep]) {
        const patched = await acme.call<ErrorReply>('PATCH', `/v1/leads/${lead.body.id}`, { ownerId });
        expect(patched.status).toBe(400);
        expect(patched.body.issues).toEqual(ownerIssue);
      }
      expect((await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`)).body.ownerId).toBe(acmeRep);
      const cleared = await acme.call<Lead>('PATCH', `/v1/leads/${lead.body.id}`, { ownerId: null });
      expect(cleared.body.ownerId).toBeNull();
    });

    it('refuses only the rows of a bulk insert whose owner is unknown; the rest go in', async () => {
      const policy = await t.app.ctx.policies.get(acme.tenantId);
      const result = await insertLeadsBulk(
        t.database.db,
        acme.tenantId,
        [
          { email: 'bulk-ok@owners.dev', ownerId: acmeRep },
          { email: 'bulk-stranger@owners.dev', ownerId: stranger },
          { email: 'bulk-globex@owners.dev', ownerId: globexRep },
          { email: 'bulk-none@owners.dev' },
        ],
        policy,
        new Date(T0),
        { kind: 'import', id: 'owners.csv' },
      );
      expect([...result.keys()].sort()).toEqual(['bulk-none@owners.dev', 'bulk-ok@owners.dev']);
      expect(Object.fromEntries(result.refused)).toEqual({
        'bulk-stranger@owners.dev': { field: 'ownerId', problem: 'no user with this id in this workspace' },
        'bulk-globex@owners.dev': { field: 'ownerId', problem: 'no user with this id in this workspace' },
      });
      const owned = await acme.call<LeadList>('GET', `/v1/leads?owner=${acmeRep}&q=bulk`);
      expect(owned.body.items.map((l) => l.email)).toEqual(['bulk-ok@owners.dev']);
    });
  });

  describe('unknown keys', () => {
    const refusesKey = async (method: 'POST' | 'PATCH' | 'PUT', url: string, body: object, key: string) => {
      const reply = await acme.call<ErrorReply>(method, url, body);
      expect(reply.status, `${method} ${url}`).toBe(400);
      expect(reply.body.issues.map((i) => i.message).join(' ')).toContain(key);
    };

    it('refuses a misspelled field instead of dropping it, and stores nothing', async () => {
      await refusesKey('POST', '/v1/leads', { email: 'titel@typos.dev', titel: 'CEO' }, 'titel');
      expect((await acme.call<LeadList>('GET', '/v1/leads?q=typos.dev')).body.items).toHaveLength(0);
      await refusesKey(
        'POST',
        '/v1/leads',
        { email: 'nested@typos.dev', account: { name: 'Typo', employes: 10 } },
        'employes',
      );
      await refusesKey('POST', '/v1/accounts', { name: 'Typo Inc', bogus: 1 }, 'bogus');
      const accounts = await acme.call<{ items: unknown[] }>('GET', '/v1/accounts?q=Typo');
      expect(accounts.body.items).toHaveLength(0);
    });

    it('refuses unknown keys in every other request body', async () => {
      const account = await acme.call<{ id: string; employees: number | null }>('POST', '/v1/accounts', {
        name: 'Strict Ltd',
      });
      await refusesKey('PATCH', `/v1/accounts/${account.body.id}`, { employes: 10 }, 'employes');
      expect(
        (await acme.call<{ employees: null }>('GET', `/v1/accounts/${account.body.id}`)).body.employees,
      ).toBeNull();
      const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'strict@strict.dev' });
      const id = lead.body.id;
      await refusesKey('POST', `/v1/leads/${id}/transitions`, { to: 'mql', reson: 'x' }, 'reson');
      await refusesKey(
        'PUT',
        `/v1/leads/${id}/assessments/bant`,
        { criteria: { budget: { status: 'met', evidnce: 'yes' } } },
        'evidnce',
      );
      await refusesKey('POST', `/v1/leads/${id}/notes`, { text: 'Budget approved.', aply: true }, 'aply');
      await refusesKey(
        'POST',
        '/v1/events',
        { events: [{ id: 'strict-1', leadId: id, type: 'page_view', occurredAt: at(T0), propertys: {} }] },
        'propertys',
      );
      await refusesKey('POST', '/v1/events', { events: [], extra: true }, 'extra');
      const policy = (await acme.call<{ policy: object }>('GET', '/v1/policy')).body.policy;
      await refusesKey('PUT', '/v1/policy', { policy, notes: 'typo' }, 'notes');
      expect((await acme.call<Lead>('GET', `/v1/leads/${id}`)).body.stage).toBe('lead');
    });
  });

  describe('policy frameworks', () => {
    it('refuses a default framework that does not exist, listing the known ones, and publishes nothing', async () => {
      const live = await acme.call<{ version: number; policy: { frameworks: object } }>('GET', '/v1/policy');
      const policy = { ...live.body.policy, frameworks: { ...live.body.policy.frameworks, default: 'spin' } };
      const reply = await acme.call<ErrorReply>('PUT', '/v1/policy', { policy });
      expect(reply.status).toBe(400);
      expect(reply.body.issues).toHaveLength(1);
      expect(reply.body.issues[0]).toMatchObject({ location: 'body', pointer: '/policy/frameworks/default' });
      expect(reply.body.issues[0]?.message).toContain('"spin"');
      for (const key of ['bant', 'meddic', 'meddpicc', 'champ'])
        expect(reply.body.issues[0]?.message).toContain(key);
      const after = await acme.call<{ version: number }>('GET', '/v1/policy');
      expect(after.body.version).toBe(live.body.version);
    });

    it('refuses a pass rule for a framework that does not exist', async () => {
      const live = await acme.call<{ policy: { frameworks: object } }>('GET', '/v1/policy');
      const frameworks = { ...live.body.policy.frameworks, passRules: { spin: { kind: 'all' } } };
      const reply = await acme.call<ErrorReply>('PUT', '/v1/policy', {
        policy: { ...live.body.policy, frameworks },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.issues.map((i) => i.pointer)).toEqual(['/policy/frameworks/passRules/spin']);
    });

    it('still publishes a policy whose default is a known framework', async () => {
      const live = await globex.call<{ version: number; policy: { frameworks: object } }>(
        'GET',
        '/v1/policy',
      );
      const policy = {
        ...live.body.policy,
        frameworks: { ...live.body.policy.frameworks, default: 'meddic' },
      };
      const reply = await globex.call<{ version: number }>('PUT', '/v1/policy', { policy });
      expect(reply.status).toBe(201);
      expect(reply.body.version).toBe(live.body.version + 1);
    });
  });

  describe('automatic moves', () => {
    it('names the framework that passed, not the policy default, when an assessment qualifies a lead', async () => {
      const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'champion@meddic.dev' });
      for (const to of ['mql', 'sal'])
        await acme.call('POST', `/v1/leads/${lead.body.id}/transitions`, { to });
      const meddic = getBuiltInFramework('meddic')!;
      const criteria = Object.fromEntries(meddic.criteria.map((c) => [c.key, { status: 'met' }]));
      const assessed = await acme.call<{ result: string }>(
        'PUT',
        `/v1/leads/${lead.body.id}/assessments/meddic`,
        { criteria },
      );
      expect(assessed.body.result).toBe('pass');
      const history = await acme.call<{ items: { to: string; rule: string | null; why: string | null }[] }>(
        'GET',
        `/v1/leads/${lead.body.id}/transitions`,
      );
      const qualified = history.body.items.find((item) => item.to === 'sql');
      expect(qualified?.rule).toBe('framework_pass');
      expect(qualified?.why).toBe('The MEDDIC qualification passed: sales-qualified.');
    });
  });

  describe('manual moves', () => {
    it('refuses a disqualification reason on a move to a stage that is not a loss, and moves nothing', async () => {
      const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'reason@moves.dev' });
      const url = `/v1/leads/${lead.body.id}/transitions`;
      for (const to of ['mql', 'sal']) expect((await acme.call('POST', url, { to })).status).toBe(201);
      const reply = await acme.call<ErrorReply>('POST', url, { to: 'sql', reason: 'no_budget' });
      expect(reply.status).toBe(400);
      expect(reply.body.issues).toEqual([
        { location: 'body', pointer: '/reason', message: expect.stringContaining('Disqualified') },
      ]);
      expect((await acme.call<Lead>('GET', `/v1/leads/${lead.body.id}`)).body.stage).toBe('sal');
      const lost = await acme.call<{ lead: Lead }>('POST', url, { to: 'disqualified', reason: 'no_budget' });
      expect(lost.body.lead.disqualificationReason).toBe('no_budget');
    });
  });

  describe('error shape', () => {
    it('points at an unknown key itself and says where stages change, without a second issue', async () => {
      const lead = await acme.call<Lead>('POST', '/v1/leads', { email: 'pointer@shape.dev' });
      const reply = await acme.call<ErrorReply>('PATCH', `/v1/leads/${lead.body.id}`, { stage: 'customer' });
      expect(reply.status).toBe(400);
      expect(reply.body.issues).toEqual([
        {
          location: 'body',
          pointer: '/stage',
          message: expect.stringContaining('POST /v1/leads/{id}/transitions'),
        },
      ]);
      const two = await acme.call<ErrorReply>('PATCH', `/v1/leads/${lead.body.id}`, { titel: 'CEO', a: 1 });
      expect(two.body.issues.map((i) => i.pointer)).toEqual(['/titel', '/a']);
      const nested = await acme.call<ErrorReply>('POST', '/v1/leads', {
        email: 'nested@shape.dev',
        account: { name: 'N', employes: 3 },
      });
      expect(nested.body.issues.map((i) => i.pointer)).toEqual(['/account/employes']);
      const empty = await acme.call<ErrorReply>('PATCH', `/v1/leads/${lead.body.id}`, {});
      expect(empty.body.issues).toEqual([
        { location: 'body', pointer: '', message: 'give at least one field to change' },
      ]);
    });

    it('answers a body that is not JSON with the same issues shape as every other 400', async () => {
      const send = (payload: string) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/leads',
          headers: { authorization: `Bearer ${acme.apiKey}`, 'content-type': 'application/json' },
          payload,
        });
      const broken = await send('{"email": "a@b.dev",');
      expect(broken.statusCode).toBe(400);
      const body = broken.json() as ErrorReply;
      expect(body.error).toBe('validation_failed');
      expect(body.issues).toEqual([
        { location: 'body', pointer: '', message: expect.stringMatching(/^is not valid JSON: .+/) },
      ]);
      const poisoned = await send('{"email": "p@b.dev", "__proto__": {"admin": true}}');
      expect(poisoned.statusCode).toBe(400);
      expect((poisoned.json() as ErrorReply).issues[0]?.message).toMatch(/__proto__/);
      const nothing = await send('');
      expect(nothing.statusCode).toBe(400);
      expect((nothing.json() as ErrorReply).issues).toHaveLength(1);
    });

    it('tells a client that sent a form (curl -d) to send JSON, in the same shape', async () => {
      const form = await t.app.inject({
        method: 'POST',
        url: '/v1/leads',
        headers: {
          authorization: `Bearer ${acme.apiKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: '{"email":"form@shape.dev"}',
      });
      expect(form.statusCode).toBe(415);
      expect((form.json() as ErrorReply).issues).toEqual([
        {
          location: 'headers',
          pointer: '/content-type',
          message: expect.stringContaining('application/json'),
        },
      ]);
    });
  });

  describe('OpenAPI', () => {
    type Operation = { parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> };

    it('documents 401 on every authenticated route and 400 on every route that validates input', async () => {
      const reply = await t.app.inject({ method: 'GET', url: '/openapi.json' });
      const paths = (reply.json() as { paths: Record<string, Record<string, Operation>> }).paths;
      const operations = Object.entries(paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, operation })),
      );
      const authenticated = operations.filter(
        ({ name }) => name.includes('/v1/') && name !== 'post /v1/session',
      );
      expect(authenticated.length).toBeGreaterThan(20);
      for (const { name, operation } of authenticated) {
        expect(operation.responses, name).toHaveProperty('401');
        if (operation.requestBody || operation.parameters?.length)
          expect(operation.responses, name).toHaveProperty('400');
      }
      expect(paths['/v1/leads/hot']?.get?.responses).toHaveProperty('400');
      const badLimit = await acme.call<ErrorReply>('GET', '/v1/leads/hot?limit=0');
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.issues[0]).toMatchObject({ location: 'query', pointer: '/limit' });
    });
  });
});
