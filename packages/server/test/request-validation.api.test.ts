import type { ErrorBody, FieldIssue, LeadList } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

type ErrorReply = ErrorBody & { issues: FieldIssue[] };

const at = (ms: number) => new Date(ms).toISOString();

describe.each(dbTargets())('request validation on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
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
});
