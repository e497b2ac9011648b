import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicySimulationView } from '@triage/contracts';
import { DEFAULT_POLICY } from '@triage/core';
import { buildApp, createTenant } from '@triage/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../../server/test/support/test-database';
import { type CliWorkspace, prepareCliWorkspace } from './support/cli-workspace';

const HOUR = 3_600_000;

describe.each(dbTargets())('triage policy simulate on %s', (target) => {
  let ws: CliWorkspace;
  let draftFile: string;

  beforeAll(async () => {
    ws = await prepareCliWorkspace(target);
    const database = await ws.open();
    try {
      const tenant = await createTenant(database.db, 'Acme');
      const app = await buildApp({ database, logger: false });
      const call = (url: string, body: unknown) =>
        app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${tenant.apiKey}` },
          payload: body as object,
        });
      const account = {
        name: 'Initech',
        domain: 'initech.io',
        industry: 'software',
        employees: 200,
        annualRevenue: 1e7,
        country: 'US',
      };
      // Fit 90 and 25 points of engagement: short of the default 30, enough for a draft at 20.
      const warm = (
        await call('/v1/leads', { email: 'ana@initech.io', title: 'VP of Sales', account })
      ).json();
      const now = Date.now();
      await call('/v1/events', {
        events: [
          {
            id: 'w1',
            leadId: warm.id,
            type: 'webinar_attended',
            occurredAt: new Date(now - 2 * HOUR).toISOString(),
          },
          { id: 'w2', leadId: warm.id, type: 'email_reply', occurredAt: new Date(now - HOUR).toISOString() },
        ],
      });
      // A demo request qualifies under either policy.
      const raiser = (await call('/v1/leads', { email: 'bo@initech.io', title: 'Engineer', account })).json();
      await call('/v1/events', {
        events: [
          { id: 'r1', leadId: raiser.id, type: 'demo_request', occurredAt: new Date(now).toISOString() },
        ],
      });
      await app.close();
    } finally {
      await database.close();
    }
    draftFile = join(ws.folder, 'draft.json');
    const draft = {
      ...DEFAULT_POLICY,
      lifecycle: { ...DEFAULT_POLICY.lifecycle, mql: { minFit: 60, minEngagement: 20 } },
    };
    writeFileSync(draftFile, JSON.stringify({ version: 1, policy: draft }));
  }, 120_000);
  afterAll(() => ws.cleanup());

  it('--json prints the comparison the API answers: the draft gains the lead that stopped at 25', async () => {
    const result = await ws.run(['policy', 'simulate', '--file', draftFile, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const body: PolicySimulationView = JSON.parse(result.stdout);
    expect(body.replayed).toMatchObject({ leads: 2, events: 3, currentVersion: 1 });
    expect(body.current.leads).toBe(1);
    expect(body.draft.leads).toBe(2);
    expect(body.gained.examples.map((e) => e.email)).toEqual(['ana@initech.io']);
  });

  it('prints a readable table with the change and the gained lead with its reasons', async () => {
    const result = await ws.run(['policy', 'simulate', '--file', draftFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Replayed 2 leads created .* and their 3 events, under policy version 1/);
    expect(result.stdout).toMatch(/Qualified \(MQL \+ PQL \+ CQL\)\s+1\s+2\s+\+1/);
    expect(result.stdout).toContain('Gained by the draft: 1 lead —');
    expect(result.stdout).toMatch(
      /ana@initech\.io[\s\S]*draft: +MQL on [\s\S]*engagement 2\d\.\d reaches 20/,
    );
    expect(result.stdout).toContain('Lost by the draft: none');
  });

  it('names each problem of the draft where the user wrote it (a place in the file, or a flag)', async () => {
    const bad = join(ws.folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...DEFAULT_POLICY,
        lifecycle: { ...DEFAULT_POLICY.lifecycle, mql: { minFit: 120, minEngagement: 20 } },
      }),
    );
    const result = await ws.run(['policy', 'simulate', '--file', bad, '--from', 'yesterday']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad} at /lifecycle/mql/minFit: minFit must be 0–100`);
    expect(result.stderr).toContain('--from: must be a date');
  });

  it('--help explains the replay and shows an example', async () => {
    const result = await ws.run(['policy', 'simulate', '--help']);
    expect(result.stdout).toContain('--file <draft.json>');
    expect(result.stdout).toContain('manual moves are not replayed');
  });
});
