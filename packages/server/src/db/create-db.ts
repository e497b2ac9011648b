import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataFolder } from './data-folder-lock';
import * as schema from './schema';

/** The one database handle type; drizzle transactions are assignable to it, so repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The pg pool when kind is postgres (for COPY streams), otherwise undefined. */
  pool?: pg.Pool;
  /** The PGlite instance when kind is pglite (for pg-boss's adapter and data-dir dumps). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when set, PGlite is not used. */
  url?: string | undefined;
  /** PGlite data folder, or 'memory://' for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** A PGlite data-dir tarball to start from (tests load a migrated template instead of running initdb). */
  loadDataDir?: Blob | undefined;
  /** Skip migrations (the template is already migrated). */
  skipMigrations?: boolean;
  poolSize?: number;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** int8 arrives as a string from pg and as a number from PGlite: epoch milliseconds and counts fit in a double. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** The only place that picks PGlite or a PostgreSQL server (ADR 0001). */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
  // An idle connection the server drops (restart, admin termination) is an 'error' on the pool; without a
  // listener it would crash the process. The pool discards that connection and opens a new one when needed.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`));
  const db = drizzlePg(pool, { schema });
  if (!options.skipMigrations) {
    // An advisory lock keeps two processes starting at once from racing on the migration table.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(7411)');
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(7411)').catch(() => undefined);
      client.release();
    }
  }
  return { db: db as unknown as Db, kind: 'postgres', pool, close: () => pool.end() };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  // PGlite does not guard its folder: two processes on one folder each keep their own copy in memory and lose
  // each other's writes. Every opener (serve, the CLI's data commands, tests) goes through here, so all take it.
  const lock = onDisk ? lockDataFolder(dataDir) : undefined;
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create({
      dataDir,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    // WAL grows to 1 GB after bulk loads by default; a small ceiling keeps the data folder small.
    await pglite.exec(`ALTER SYSTEM SET max_wal_size = '64MB'`);
    await pglite.exec('SELECT pg_reload_conf()');
    const db = drizzlePglite(pglite, { schema });
    if (!options.skipMigrations) await migratePglite(db, { migrationsFolder });
    const opened = pglite;
    const close = async () => {
      try {
        await opened.close();
      } finally {
        lock?.release();
      }
    };
    return { db: db as unknown as Db, kind: 'pglite', pglite, close };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
}
