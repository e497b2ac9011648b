import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../src/db/create-db';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../src/db/throwaway-postgres';

export type DbTarget = 'pglite' | 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTargets: DbTarget[];
    postgresUrl: string;
    pgliteTemplate: string;
  }
}

function parseTargets(value: string): DbTarget[] {
  const targets = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of targets)
    if (t !== 'pglite' && t !== 'postgres') throw new Error(`DB_TARGETS: unknown target "${t}"`);
  return targets as DbTarget[];
}

/**
 * Runs once per test run: prepares every database target in DB_TARGETS (default: both). PostgreSQL comes from
 * DATABASE_URL or a throwaway server; PGlite from a migrated template folder that each suite loads in under a
 * second instead of running initdb again. In CI a target that cannot start fails the run; it is never skipped.
 */
export default async function setup(project: TestProject) {
  const targets = parseTargets(process.env.DB_TARGETS ?? 'pglite,postgres');
  if (process.env.CI === 'true' && !targets.includes('postgres')) {
    throw new Error('CI must run the PostgreSQL target: DB_TARGETS does not include postgres');
  }
  let server: ThrowawayPostgres | undefined;
  let postgresUrl = process.env.DATABASE_URL ?? '';
  if (targets.includes('postgres') && !postgresUrl) {
    server = await startThrowawayPostgres();
    postgresUrl = server.url;
  }
  const dir = mkdtempSync(join(tmpdir(), 'triage-pglite-'));
  const pgliteTemplate = join(dir, 'template.tar');
  if (targets.includes('pglite')) {
    const database = await createDatabase({ dataDir: 'memory://' });
    const dump = await database.pglite!.dumpDataDir('none');
    writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }
  project.provide('dbTargets', targets);
  project.provide('postgresUrl', postgresUrl);
  project.provide('pgliteTemplate', pgliteTemplate);
  process.stdout.write(
    `database targets: ${targets.join(', ')}${server ? ' (throwaway PostgreSQL server)' : ''}\n`,
  );
  return async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
