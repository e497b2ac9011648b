import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts a disposable PostgreSQL server (initdb into a temp folder, a free port) for the test run or a
 * benchmark. PostgreSQL refuses to run as root, so under root the server runs as the `postgres` (or `nobody`)
 * system user.
 */
export interface ThrowawayPostgres {
  url: string;
  /** The non-default server settings it runs with, for reports that must say how durable the numbers are. */
  settings: Record<string, string>;
  stop(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  /**
   * Keep PostgreSQL's default durability (fsync, synchronous commit, full-page writes). Tests leave it off:
   * their data is thrown away, and a crash-safe commit per test only slows the suite. A benchmark of durable
   * writes turns it on.
   */
  durable?: boolean;
}

const FAST_UNSAFE_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export function findPostgresBin(name: string): string | undefined {
  for (const dir of BIN_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function systemUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {}
  }
  throw new Error('running as root and neither the postgres nor the nobody user exists to run PostgreSQL');
}

export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const initdb = findPostgresBin('initdb');
  const postgres = findPostgresBin('postgres');
  if (!initdb || !postgres) throw new Error('PostgreSQL server binaries (initdb, postgres) were not found');
  const user = systemUser();
  const dir = mkdtempSync(join(tmpdir(), 'triage-pg-'));
  const dataDir = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = (cmd: string, args: string[]): [string, string[]] =>
    user ? ['runuser', ['-u', user.name, '--', cmd, ...args]] : [cmd, args];

  const [initCmd, initArgs] = asUser(initdb, [
    '-D',
    dataDir,
    '-U',
    'triage',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const settings: Record<string, string> = {
    ...(options.durable ? {} : FAST_UNSAFE_SETTINGS),
    max_connections: '200',
  };
  const [pgCmd, pgArgs] = asUser(postgres, [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]);
  const child = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const url = `postgres://triage@127.0.0.1:${port}/postgres`;
  await waitUntilReady(port, () => log, child);
  return {
    url,
    settings,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // runuser does not pass SIGINT on, so the fast-shutdown signal goes to the postmaster itself
        // (its pid is the first line of postmaster.pid); SIGKILL if it has not gone after 15 s.
        const postmaster = postmasterPid(dataDir);
        const signal = (name: NodeJS.Signals) => {
          try {
            if (postmaster) process.kill(postmaster, name);
          } catch {}
          child.kill(name);
        };
        signal('SIGINT');
        const timer = setTimeout(() => signal('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitUntilReady(
  port: number,
  log: () => string,
  child: ReturnType<typeof spawn>,
): Promise<void> {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited during start-up:\n${log()}`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'triage', database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 30 s:\n${log()}`);
}
