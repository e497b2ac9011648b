import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '@triage/server/db/create-db';
import { rows } from '@triage/server/db/sql';
import { startThrowawayPostgres } from '@triage/server/db/throwaway-postgres';
import { sql } from 'drizzle-orm';
import pg from 'pg';

export const DB_TARGETS = ['pglite', 'postgres'] as const;
export type DbTarget = (typeof DB_TARGETS)[number];

export interface BenchDatabase {
  target: DbTarget;
  database: Database;
  /** Where the data lives and how durable commits are, for the report. */
  description: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one target. PGlite keeps its data in a temporary folder on disk, as
 * `triage serve` does. PostgreSQL is a new database on the server in DATABASE_URL, or, without one, a
 * throwaway local server with PostgreSQL's default settings (fsync and synchronous commit on), so an
 * ingestion call that returns really is durable.
 */
export async function openBenchDatabase(target: DbTarget): Promise<BenchDatabase> {
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'triage-bench-pglite-'));
    const database = await createDatabase({ dataDir: dir });
    return {
      target,
      database,
      description: `PGlite ${await serverFacts(database)}, data folder on disk`,
      async close() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const external = process.env.DATABASE_URL;
  const server = external ? undefined : await startThrowawayPostgres({ durable: true });
  const serverUrl = external ?? server!.url;
  const name = `triage_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString() });
  const where = external ? 'DATABASE_URL server' : 'throwaway local server';
  return {
    target,
    database,
    description: `PostgreSQL ${await serverFacts(database)}, ${where}`,
    async close() {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
      await server?.stop();
    },
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Version and the settings that decide what a commit costs. */
async function serverFacts(database: Database): Promise<string> {
  const [facts] = await rows<Record<string, string>>(
    database.db,
    sql`select current_setting('server_version') as version, current_setting('fsync') as fsync,
          current_setting('synchronous_commit') as sync, current_setting('shared_buffers') as buffers`,
  );
  if (!facts) return '';
  return `${facts.version} (fsync ${facts.fsync}, synchronous_commit ${facts.sync}, shared_buffers ${facts.buffers})`;
}
