import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/create-db';
import type { DbTarget } from '../global-setup';

export const dbTargets = (): DbTarget[] => inject('dbTargets');

/** A fresh, migrated database of the given target; on PostgreSQL a new database on the shared test server. */
export async function openTestDatabase(target: DbTarget): Promise<Database> {
  if (target === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return createDatabase({ loadDataDir: template, skipMigrations: true });
  }
  const serverUrl = inject('postgresUrl');
  const name = `triage_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
