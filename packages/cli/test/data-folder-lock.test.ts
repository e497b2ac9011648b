import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@triage/server';
import { LOCK_FILE_NAME } from '@triage/server/db/data-folder-lock';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runServe } from './support/serve-process';

const bin = join(import.meta.dirname, '..', 'bin', 'triage.js');

function triage(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The pid of a process that has ended: a lock naming it is what a crash leaves behind. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('one process at a time on an embedded data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'triage-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second open of a folder that is open, naming the folder; reopens once it is closed', async () => {
    const folder = join(root, 'twice');
    const first = await createDatabase({ dataDir: folder });
    try {
      await expect(createDatabase({ dataDir: folder })).rejects.toThrow(
        `the data folder ${folder} is in use by another Triage process (pid ${process.pid})`,
      );
      // The refused open changed nothing: the first handle still works.
      expect((await first.pglite!.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await first.close();
    }
    const again = await createDatabase({ dataDir: folder });
    await again.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const folder = join(root, 'stale');
    mkdirSync(folder);
    const lockFile = join(folder, LOCK_FILE_NAME);
    writeFileSync(lockFile, JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'crashed' }));
    const database = await createDatabase({ dataDir: folder });
    try {
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    } finally {
      await database.close();
    }
    expect(() => readFileSync(lockFile)).toThrow(/ENOENT/);
  });

  it('takes over a lock with its own pid that it does not hold (a restarted container, pid 1 again)', async () => {
    const folder = join(root, 'same-pid');
    mkdirSync(folder);
    const lockFile = join(folder, LOCK_FILE_NAME);
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), token: 'before-restart' }));
    const database = await createDatabase({ dataDir: folder });
    await database.close();
  });

  it('refuses a lock held by a process on another host, whose pid cannot be checked', async () => {
    const folder = join(root, 'shared-disk');
    mkdirSync(folder);
    writeFileSync(
      join(folder, LOCK_FILE_NAME),
      JSON.stringify({ pid: 4242, host: `not-${hostname()}`, token: 'elsewhere' }),
    );
    // The message says how to recover when that host is gone for good (a container replaced after a crash).
    await expect(createDatabase({ dataDir: folder })).rejects.toThrow(
      `locked by a Triage process on host not-${hostname()} (pid 4242); if none runs there any more ` +
        `(a container replaced after a crash), delete ${join(folder, LOCK_FILE_NAME)}`,
    );
  });

  it('keeps the CLI out of a folder `triage serve` holds, and lets it in after a crash of the server', async () => {
    const folder = join(root, 'served');
    const port = await freePort();
    const server = runServe(['--port', String(port), '--data', folder], { LOG_LEVEL: 'silent' });
    try {
      await server.started;
      const refused = await triage(['tenant', 'create', 'Lost Writes', '--data', folder]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `triage: the data folder ${folder} is in use by another Triage process (pid ${server.child.pid}): ` +
          'stop `triage serve` first, or point DATABASE_URL at a PostgreSQL server to share data\n',
      );
      // A crash leaves the lock file behind; its pid is gone, so the next opener takes over.
      server.child.kill('SIGKILL');
      await server.exited;
      const created = await triage(['tenant', 'create', 'After the crash', '--json', '--data', folder]);
      expect(created.stderr).toBe('');
      expect(JSON.parse(created.stdout).name).toBe('After the crash');
    } finally {
      await server.stop();
    }
  });
});
