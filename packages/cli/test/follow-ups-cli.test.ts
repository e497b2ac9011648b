import type { FollowUpQueue } from '@triage/contracts';
import { buildApp, createTenant } from '@triage/server';
import { insertUser } from '@triage/server/modules/users/users.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../../server/test/support/test-database';
import { type CliWorkspace, prepareCliWorkspace } from './support/cli-workspace';

const DAY = 86_400_000;

describe.each(dbTargets())('triage follow-ups on %s', (target) => {
  let ws: CliWorkspace;

  beforeAll(async () => {
    ws = await prepareCliWorkspace(target);
    const database = await ws.open();
    try {
      const tenant = await createTenant(database.db, 'Acme');
      const rep = await insertUser(database.db, {
        tenantId: tenant.tenantId,
        email: 'rep@acme.test',
        name: 'Rita Rep',
        role: 'rep',
        passwordHash: null,
      });
      // The CLI reads the real clock: the quiet lead was accepted 20 days ago, the demo request came 10 days ago.
      const clock = { now: Date.now() - 20 * DAY };
      const app = await buildApp({ database, logger: false, now: () => clock.now });
      const call = async (url: string, body: unknown) => {
        const response = await app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${tenant.apiKey}` },
          payload: body as object,
        });
        expect(response.statusCode).toBeLessThan(300);
        return response.json();
      };
      const quiet = await call('/v1/leads', {
        email: 'quiet@initech.io',
        firstName: 'Quinn',
        ownerId: rep.id,
      });
      await call(`/v1/leads/${quiet.id}/transitions`, { to: 'sal' });
      clock.now = Date.now() - 10 * DAY;
      const waiting = await call('/v1/leads', { email: 'waiting@initech.io' });
      await call('/v1/events', {
        events: [
          {
            id: 'demo-1',
            leadId: waiting.id,
            type: 'demo_request',
            occurredAt: new Date(clock.now).toISOString(),
          },
        ],
      });
      await app.close();
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(() => ws.cleanup());

  it('prints the queue, the unanswered demo request first, each with the action and why', async () => {
    const result = await ws.run(['follow-ups']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 escalated, 0 overdue, 0 due, 1 gone quiet, 0 long quiet/);
    const waiting = result.stdout.indexOf('waiting@initech.io');
    const quiet = result.stdout.indexOf('Quinn <quiet@initech.io>');
    expect(waiting).toBeGreaterThan(0);
    expect(quiet).toBeGreaterThan(waiting);
    expect(result.stdout).toMatch(/ESCALATED +waiting@initech\.io +mql +Call now/);
    expect(result.stdout).toMatch(
      /Demo request \d+ business minutes ago, target 5: escalated 25 minutes past due/,
    );
    expect(result.stdout).toContain('No activity for 20 days in Sales-accepted (SAL) (quiet after 14)');
  });

  it('--owner EMAIL --json prints only that rep’s leads as the API answers them', async () => {
    const result = await ws.run(['follow-ups', '--owner', 'REP@acme.test', '--json']);
    expect(result.code).toBe(0);
    const queue: FollowUpQueue = JSON.parse(result.stdout);
    expect(queue.items.map((item) => item.lead.email)).toEqual(['quiet@initech.io']);
    expect(queue.items[0]?.followUp).toMatchObject({
      urgency: 'gone_quiet',
      nextAction: { kind: 're_engage' },
    });
  });

  it('names a wrong flag', async () => {
    const unknownOwner = await ws.run(['follow-ups', '--owner', 'nobody@acme.test']);
    expect(unknownOwner.code).toBe(1);
    expect(unknownOwner.stderr).toContain('--owner: no user with the email nobody@acme.test');
    const badKind = await ws.run(['follow-ups', '--kind', 'urgent']);
    expect(badKind.stderr).toContain(
      '--kind must be one of speed_to_lead, escalated, overdue, due, gone_quiet',
    );
  });
});
