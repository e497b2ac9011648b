import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lead, LeadList } from '@triage/contracts';
import { buildApp, type Database } from '@triage/server';
import { rows } from '@triage/server/db/sql';
import { ensureDemoUser } from '@triage/server/demo/demo-user';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../../server/test/support/test-database';
import { type CliWorkspace, prepareCliWorkspace } from './support/cli-workspace';

const HEADER = 'Email,First Name,Last Name,Title,Company,Website,Employees,Country,Lead Source';
const MAPPING = {
  columns: {
    Email: 'email',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Title: 'title',
    Company: 'account.name',
    Website: 'account.domain',
    Employees: 'account.employees',
    Country: 'country',
    'Lead Source': 'source',
  },
  delimiter: ',',
  defaults: { source: 'import' },
};

/** Spreadsheet rows 2..: good leads, then one of each kind of problem the report must name. */
const ROWS = [
  'ana.nowak@initech.io,Ana,Nowak,VP of Sales,Initech,initech.io,250,US,webinar', // 2
  'ben.ito@hooli.com,Ben,Ito,Marketing Manager,Hooli,hooli.com,"1,200",DE,', // 3
  'not-an-email,Carl,Jones,CFO,Hooli,hooli.com,1200,GB,organic', // 4 bad email
  'dora.lee@globex.com,Dora,Lee,Head of Growth,Globex,globex.com,80,Germany,event', // 5 bad country
  'ANA.NOWAK@initech.io,Ana,Again,VP of Sales,Initech,initech.io,250,US,webinar', // 6 duplicate of row 2
  'existing@umbrella.com,Eve,Stone,CTO,Umbrella,umbrella.com,900,US,referral', // 7 already in the workspace
  'finn@vandelay.com,=cmd(),Formula,Buyer,Vandelay,vandelay.com,40,US,partner', // 8 formula-like name
  'refuse.me@blocked-co.com,Gus,Blocked,CEO,Blocked Co,blocked-co.com,15,US,outbound', // 9 refused by the database
  'hana.sato@kestrel.io,Hana,Sato,Director of Sales,Kestrel,kestrel.io,320,PL,organic', // 10
  'ivan.petrov@lumen.io,Ivan,Petrov,SDR,Lumen,lumen.io,many,Poland,organic', // 11 bad employees and country
  'jo.kim@lumen.io,Jo,Kim,Account Executive,Lumen,lumen.io,75,PL,organic', // 12
  'kai.berg@lumen.io,Kai,Berg,CTO,Lumen,lumen.io,75,PL,organic,call back,Q3', // 13 two cells past the header
  'lia.moss@lumen.io,Lia,Moss,CFO,Lumen,lumen.io,75,PL,organic,,', // 14 empty trailing cells lose nothing
];

describe.each(dbTargets())('triage tenant / import / export on %s', (target) => {
  let ws: CliWorkspace;
  let tenant: { tenantId: string; name: string; apiKey: string };

  /** Opens the database in this process (the CLI is not running), builds the app and calls the API as the tenant. */
  async function withApi<T>(
    work: (call: <R>(url: string, body?: unknown) => Promise<R>, database: Database) => Promise<T>,
  ): Promise<T> {
    const database = await ws.open();
    const app = await buildApp({ database });
    try {
      return await work(async (url, body) => {
        const response = await app.inject({
          method: body === undefined ? 'GET' : 'POST',
          url,
          headers: { authorization: `Bearer ${tenant.apiKey}` },
          ...(body === undefined ? {} : { payload: body as object }),
        });
        return response.json();
      }, database);
    } finally {
      await app.close();
      await database.close();
    }
  }

  beforeAll(async () => {
    ws = await prepareCliWorkspace(target);
  });
  afterAll(() => ws.cleanup());

  it('tenant create --json prints the tenant id and an API key that works', async () => {
    const result = await ws.run(['tenant', 'create', 'Acme Sales', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    tenant = JSON.parse(result.stdout);
    expect(tenant.name).toBe('Acme Sales');
    expect(tenant.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tenant.apiKey).toMatch(/^trg_/);
    const list = await withApi((call) => call<LeadList>('/v1/leads'));
    expect(list.items).toEqual([]);
  });

  it('imports the good rows of a CSV with bad ones; the summary, the problem list and --errors agree', async () => {
    await withApi(async (call, database) => {
      await call('/v1/leads', { email: 'existing@umbrella.com', firstName: 'Already', lastName: 'Here' });
      // A rule in the database that refuses one row: its batch must roll back and the other rows go in.
      await database.db.execute(
        sql.raw(`create function refuse_blocked() returns trigger language plpgsql as $$
          begin if new.email like 'refuse.%' then raise exception 'blocked domain %', new.email; end if; return new; end $$`),
      );
      await database.db.execute(
        sql.raw(
          'create trigger refuse_blocked before insert on leads for each row execute function refuse_blocked()',
        ),
      );
    });
    const csv = join(ws.folder, 'leads.csv');
    const mapping = join(ws.folder, 'mapping.json');
    const report = join(ws.folder, 'errors.csv');
    writeFileSync(csv, `${HEADER}\n${ROWS.join('\n')}\n`);
    writeFileSync(mapping, JSON.stringify(MAPPING));

    const result = await ws.run([
      'import',
      'leads',
      csv,
      '--map',
      mapping,
      '--errors',
      report,
      '--batch-size',
      '4',
      '--tenant',
      tenant.tenantId,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Rows read:\s+13\n/);
    expect(result.stdout).toMatch(/Imported:\s+7\n/);
    expect(result.stdout).toMatch(
      /Skipped:\s+6 rows \(3 invalid, 1 repeated in the file, 1 already in the workspace, 1 refused when written\)/,
    );
    expect(result.stdout).toMatch(
      /Problems:\s+8 \(4 invalid, 1 duplicate, 1 existing, 1 rejected, 1 warning\)\n/,
    );
    expect(result.stdout).toContain('\n\n8 problems:\n');
    expect(result.stdout).toContain('Full report (8 problems)');
    // Problems are listed as found (database outcomes when their batch commits), so compare them by row.
    const listed = result.stdout
      .split('\n')
      .map((line) => line.match(/^ {2}row (\d+), column "([^"]+)", (\w+):/)?.slice(1))
      .filter((found) => found !== undefined)
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(result.stdout).toContain('row 4, column "Email", invalid: must be an email address');

    // Validation problems are written as rows are read, database outcomes when their batch commits.
    const problems = (parse(readFileSync(report), { columns: true }) as Record<string, string>[]).sort(
      (a, b) => Number(a.row) - Number(b.row),
    );
    expect(problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      ['4', 'Email', 'invalid'],
      ['5', 'Country', 'invalid'],
      ['6', 'Email', 'duplicate'],
      ['7', 'Email', 'existing'],
      ['9', '(row)', 'rejected'],
      ['11', 'Employees', 'invalid'],
      ['11', 'Country', 'invalid'],
      ['13', '(row)', 'warning'],
    ]);
    expect(listed).toEqual(problems.map((p) => [p.row, p.column, p.kind]));
    expect(problems[7]).toMatchObject({ value: 'call back | Q3' });
    expect(problems[7]!.problem).toContain('11 cells for 9 columns');
    expect(problems[1]!.problem).toContain('ISO 3166-1 alpha-2');
    expect(problems[2]!.problem).toContain('row 2');
    expect(problems[4]!.problem).toContain('blocked domain');

    await withApi(async (call, database) => {
      const all = await call<LeadList>('/v1/leads?sort=created&limit=50');
      expect(all.items.map((l) => l.email).sort()).toEqual([
        'ana.nowak@initech.io',
        'ben.ito@hooli.com',
        'existing@umbrella.com',
        'finn@vandelay.com',
        'hana.sato@kestrel.io',
        'jo.kim@lumen.io',
        'kai.berg@lumen.io',
        'lia.moss@lumen.io',
      ]);
      // The row with extra cells keeps every value that had a column.
      expect(all.items.find((l) => l.email === 'kai.berg@lumen.io')).toMatchObject({
        firstName: 'Kai',
        title: 'CTO',
        company: 'Lumen',
        source: 'organic',
      });
      const ben = all.items.find((l) => l.email === 'ben.ito@hooli.com')!;
      expect(ben).toMatchObject({ company: 'Hooli', source: 'import', country: 'DE', stage: 'lead' });
      const existing = all.items.find((l) => l.email === 'existing@umbrella.com')!;
      expect(existing.firstName).toBe('Already');
      const formula = all.items.find((l) => l.email === 'finn@vandelay.com')!;
      expect(formula.firstName).toBe('=cmd()');
      const history = await call<{ items: { to: string; actor: { kind: string } }[] }>(
        `/v1/leads/${ben.id}/transitions`,
      );
      expect(history.items).toEqual([
        expect.objectContaining({ to: 'lead', actor: expect.objectContaining({ kind: 'import' }) }),
      ]);
      // Nothing of the refused row was half-written: no account for its domain, no transition for it.
      const leftovers = await rows<{ accounts: number; transitions: number; leads: number }>(
        database.db,
        sql`select (select count(*)::int from accounts where tenant_id = ${tenant.tenantId} and domain = 'blocked-co.com') as accounts,
                   (select count(*)::int from stage_transitions where tenant_id = ${tenant.tenantId}) as transitions,
                   (select count(*)::int from leads where tenant_id = ${tenant.tenantId}) as leads`,
      );
      expect(leftovers[0]).toEqual({ accounts: 0, transitions: 8, leads: 8 });
    });
  });

  it('running the same import again skips every lead as already there', async () => {
    const result = await ws.run([
      'import',
      'leads',
      join(ws.folder, 'leads.csv'),
      '--map',
      join(ws.folder, 'mapping.json'),
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      rowsRead: 13,
      imported: 0,
      duplicates: 1,
      existing: 8,
      invalid: 3,
      rejected: 1,
      problems: { invalid: 4, duplicate: 1, existing: 8, rejected: 1, warning: 1 },
    });
  });

  it('export neutralises cells a spreadsheet would run as formulas, and jsonl keeps the raw value', async () => {
    const csv = await ws.run(['export', 'leads', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const exported = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(exported).toHaveLength(8);
    expect(Object.keys(exported[0]!)).toEqual([
      'id',
      'email',
      'firstName',
      'lastName',
      'title',
      'company',
      'domain',
      'stage',
      'fit',
      'engagement',
      'heat',
      'source',
      'owner',
      'ownerEmail',
      'createdAt',
    ]);
    const finn = exported.find((l) => l.email === 'finn@vandelay.com')!;
    expect(finn.firstName).toBe("'=cmd()");
    expect(exported.find((l) => l.email === 'ana.nowak@initech.io')).toMatchObject({
      firstName: 'Ana',
      company: 'Initech',
      domain: 'initech.io',
      heat: 'cold',
    });

    const out = join(ws.folder, 'leads.jsonl');
    const jsonl = await ws.run(['export', 'leads', '--format', 'jsonl', '--out', out]);
    expect(jsonl.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Lead);
    expect(lines).toHaveLength(8);
    expect(lines.find((l) => l.email === 'finn@vandelay.com')!.firstName).toBe('=cmd()');
  });

  it('reports a row whose owner is not a user of the workspace as rejected, and imports the others', async () => {
    const csv = join(ws.folder, 'owners.csv');
    const mapping = join(ws.folder, 'owners.json');
    const report = join(ws.folder, 'owners-errors.csv');
    const stranger = '0190f5a4-0000-7000-8000-000000000001';
    writeFileSync(csv, `Email,Owner\nowned@nowhere.io,${stranger}\nunowned@nowhere.io,\n`);
    writeFileSync(mapping, JSON.stringify({ columns: { Email: 'email', Owner: 'ownerId' } }));
    const result = await ws.run(['import', 'leads', csv, '--map', mapping, '--errors', report]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported:\s+1\n/);
    expect(result.stdout).toMatch(/Problems:\s+1 \(1 rejected\)/);
    expect(result.stdout).toContain('row 2, column "Owner", rejected: no user with this id');
    const problems = parse(readFileSync(report), { columns: true }) as Record<string, string>[];
    expect(problems).toEqual([
      expect.objectContaining({ row: '2', column: 'Owner', kind: 'rejected', value: stranger }),
    ]);
  });

  it('names owners by email on the way in and out, so the owners of an export import again', async () => {
    const database = await ws.open();
    try {
      await ensureDemoUser(database.db, tenant.tenantId);
    } finally {
      await database.close();
    }
    const csv = join(ws.folder, 'owner-emails.csv');
    const mapping = join(ws.folder, 'owner-emails.json');
    writeFileSync(
      csv,
      'Email,Owner email\nmila@ownedco.io,Demo@Triage.local\nnoor@ownedco.io,ghost@triage.local\n',
    );
    writeFileSync(mapping, JSON.stringify({ columns: { Email: 'email', 'Owner email': 'ownerEmail' } }));
    const result = await ws.run(['import', 'leads', csv, '--map', mapping]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported:\s+1\n/);
    expect(result.stdout).toContain(
      'row 3, column "Owner email", rejected: no user with this email in this workspace',
    );

    const exported = await ws.run(['export', 'leads', '--format', 'csv']);
    const mila = (parse(exported.stdout, { columns: true }) as Record<string, string>[]).find(
      (l) => l.email === 'mila@ownedco.io',
    );
    expect(mila?.ownerEmail).toBe('demo@triage.local');
    expect(mila?.owner).not.toBe('');
  });

  it('refuses a mapping with an unknown field before reading the file, with exit code 1', async () => {
    const mapping = join(ws.folder, 'bad-mapping.json');
    writeFileSync(mapping, JSON.stringify({ columns: { Email: 'email', Revenue: 'account.revenue' } }));
    const result = await ws.run(['import', 'leads', join(ws.folder, 'missing.csv'), '--map', mapping]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"account.revenue" is not a lead field');
    expect(result.stderr).not.toContain('missing.csv');
  });

  it('stops with exit code 1 on a file that cannot be read', async () => {
    const result = await ws.run([
      'import',
      'leads',
      join(ws.folder, 'missing.csv'),
      '--map',
      join(ws.folder, 'mapping.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read');
  });
});
