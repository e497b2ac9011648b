import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLeadsFromCsv } from '../import/import-leads';
import { SAMPLE_MAPPING, writeSampleLeadsCsv } from '../import/sample-leads-csv';
import type { BenchResult } from './bench-result';
import { createBenchTenant } from './bench-server';
import { grouped } from './bench-stats';
import type { DbBench } from './db-bench';

/** A million rows on PostgreSQL; PGlite gets a tenth (see hot-leads-fixture.ts for why), named in the row. */
const ROWS = { postgres: 1_000_000, pglite: 100_000, quick: 2_000 } as const;
const GOAL = 50_000;

/**
 * `triage import` on a generated CSV (the sample file the CLI's help describes: 11 columns, 50,000 companies):
 * parsing, validation, in-file dedupe, accounts by domain, fit scoring and one creation transition per lead,
 * timed from the first byte read to the last batch committed. The file is written before the clock starts.
 */
export const benchImport: DbBench = async (session) => {
  const { database, target } = session.bench;
  const rows = session.quick ? ROWS.quick : ROWS[target];
  const dir = mkdtempSync(join(tmpdir(), 'triage-bench-csv-'));
  try {
    const file = join(dir, 'leads.csv');
    session.log(`import: writing ${grouped(rows)} rows`);
    await writeSampleLeadsCsv(file, rows);
    const megabytes = statSync(file).size / 1024 / 1024;
    const tenant = await createBenchTenant(database, 'Import bench');
    session.log(`import: importing ${grouped(rows)} rows (${megabytes.toFixed(0)} MB)`);
    const began = performance.now();
    const summary = await importLeadsFromCsv({
      db: database.db,
      tenantId: tenant.tenantId,
      file,
      mapping: SAMPLE_MAPPING,
    });
    const seconds = (performance.now() - began) / 1000;
    if (summary.imported !== rows)
      throw new Error(
        `import bench: ${summary.imported} of ${rows} rows imported (${JSON.stringify(summary)})`,
      );
    const rate = rows / seconds;
    const result: BenchResult = {
      name: `CSV import, triage import (${grouped(rows)} rows)`,
      target,
      value: rate,
      unit: 'rows/s',
      detail: `${grouped(rows)} rows, ${megabytes.toFixed(0)} MB, in ${seconds.toFixed(1)} s; accounts by domain, fit, one transition per lead`,
    };
    // The goal is stated for a million rows on PostgreSQL; smaller runs report the rate without a verdict.
    if (target === 'postgres' && rows >= 1_000_000) {
      result.goal = `>= ${grouped(GOAL)} rows/s`;
      result.meetsGoal = rate >= GOAL;
    }
    return [result];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
