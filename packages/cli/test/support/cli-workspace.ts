import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '@triage/server';
import pg from 'pg';
import { inject } from 'vitest';
import type { DbTarget } from '../../../server/test/global-setup';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'triage.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A database the `triage` child processes and the test both reach: a PGlite folder (never open in two processes
 * at once, so tests open it only between CLI runs) or a fresh database on the test PostgreSQL server.
 */
export interface CliWorkspace {
  folder: string;
  run(args: string[]): Promise<CliResult>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

export async function prepareCliWorkspace(target: DbTarget): Promise<CliWorkspace> {
  const folder = mkdtempSync(join(tmpdir(), 'triage-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.TRIAGE_DATA_DIR;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (target === 'postgres') {
    const serverUrl = inject('postgresUrl');
    const name = `triage_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    env.DATABASE_URL = url;
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  }
  const dataArgs = target === 'pglite' ? ['--data', join(folder, 'data')] : [];
  return {
    folder,
    run: (args) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          [bin, ...args, ...dataArgs],
          { env, maxBuffer: 50_000_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    open: () => createDatabase(url ? { url } : { dataDir: join(folder, 'data') }),
    async cleanup() {
      await dropDatabase();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
