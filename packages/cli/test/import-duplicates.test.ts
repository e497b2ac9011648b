import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@triage/server';
import { createTenant } from '@triage/server/modules/tenants/tenants.service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets, openTestDatabase } from '../../server/test/support/test-database';
import { type ImportIssue, importLeadsFromCsv } from '../src/import/import-leads';

const MAPPING = { columns: { Email: 'email', First: 'firstName', Last: 'lastName', Phone: 'phone' } };

describe.each(dbTargets())('import warns of likely duplicates on %s', (target) => {
  let database: Database;
  let folder: string;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    folder = mkdtempSync(join(tmpdir(), 'triage-dup-import-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const importRows = async (tenantId: string, name: string, rows: string[], fuzzyDuplicates = true) => {
    const file = join(folder, name);
    writeFileSync(file, `Email,First,Last,Phone\n${rows.join('\n')}\n`);
    const issues: ImportIssue[] = [];
    const summary = await importLeadsFromCsv({
      db: database.db,
      tenantId,
      file,
      mapping: MAPPING,
      batchSize: 3,
      // One batch at a time: with two in flight, a pair split across them can be told on both rows.
      concurrency: 1,
      fuzzyDuplicates,
      onIssue: (issue) => issues.push(issue),
    });
    return { summary, issues };
  };

  it('imports the row and names the existing lead it likely duplicates, once per pair', async () => {
    const { tenantId } = await createTenant(database.db, 'Dup Import');
    await importRows(tenantId, 'first.csv', ['jan.kowalski@kowalski-steel.pl,Jan,Kowalski,+48 600 100 200']);
    const { summary, issues } = await importRows(tenantId, 'second.csv', [
      'jankowalski@gmail.com,Jan,Kowalski,600-100-200', // 2: the same person at home
      'piotr.kowalski@kowalski-steel.pl,Piotr,Kowalski,', // 3: a colleague, not a duplicate
      'anna.lis@acme.io,Anna,Lis,', // 4
      'a.lis@acme.io,Anna,Lis,', // 5: the same person as row 4 (same batch)
      'anna.lis+x@gmail.com,Anna,Lis,', // 6: the home address of row 4, another batch
    ]);
    expect(summary.imported).toBe(5);
    expect(summary.problems.warning).toBe(issues.length);
    const byRow = new Map(issues.map((issue) => [issue.row, issue]));
    expect(issues.every((issue) => issue.kind === 'warning' && issue.column === 'Email')).toBe(true);
    expect(byRow.get(2)?.problem).toMatch(
      /^likely the same person as jan\.kowalski@kowalski-steel\.pl \(score 0\.\d+: .*Same phone number/,
    );
    expect(byRow.has(3)).toBe(false);
    expect(byRow.has(4)).toBe(false);
    expect(byRow.get(5)?.problem).toContain('anna.lis@acme.io');
    // a.lis@acme.io is only a possible match for a Gmail address (the company is unknown on one side).
    expect(byRow.get(6)?.problem).toMatch(/as anna\.lis@acme\.io \(score [^)]*\); imported/);
  });

  it('leaves fuzzy matching out unless asked: same-email dedupe only', async () => {
    const { tenantId } = await createTenant(database.db, 'Plain Import');
    await importRows(tenantId, 'plain-first.csv', ['ewa.nowak@vistula.pl,Ewa,Nowak,+48 600 700 800'], false);
    const { summary, issues } = await importRows(
      tenantId,
      'plain-second.csv',
      ['ewa.nowak@gmail.com,Ewa,Nowak,600-700-800', 'ewa.nowak@vistula.pl,Ewa,Nowak,'],
      false,
    );
    expect(summary.imported).toBe(1);
    expect(issues.map((issue) => issue.kind)).toEqual(['existing']);
  });
});
