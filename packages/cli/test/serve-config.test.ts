import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@triage/server';
import { readServerConfig } from '@triage/server/config';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runServe } from './support/serve-process';

describe('triage serve configuration: flag > environment > default', () => {
  it('takes the defaults when neither flags nor variables are given', () => {
    expect(readServerConfig({}, {})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './.triage',
      databaseUrl: undefined,
      demo: false,
      logLevel: 'warn',
    });
  });

  it('reads PORT, HOST, TRIAGE_DATA_DIR and LOG_LEVEL when the flags are left out', () => {
    const env = { PORT: '3051', HOST: '0.0.0.0', TRIAGE_DATA_DIR: '/tmp/x', LOG_LEVEL: 'debug' };
    expect(readServerConfig({}, env)).toMatchObject({
      port: 3051,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      logLevel: 'debug',
    });
  });

  it('lets a flag win over its variable, and treats an empty variable as unset', () => {
    const env = { PORT: '3051', HOST: '', TRIAGE_DATA_DIR: '/tmp/x', LOG_LEVEL: 'debug' };
    const config = readServerConfig({ port: '4000', data: './mine', logLevel: 'error', demo: true }, env);
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      dataDir: './mine',
      logLevel: 'error',
      demo: true,
    });
  });

  it('refuses invalid values, naming each variable or flag and what is wrong', () => {
    const attempt = (flags: Record<string, unknown>, env: Record<string, string>) => {
      try {
        readServerConfig(flags, env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    const both = attempt({}, { PORT: '30x1', LOG_LEVEL: 'loud' });
    expect(both).toContain('PORT: must be a whole number from 0 to 65535 (got "30x1")');
    expect(both).toContain(
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    );
    expect(attempt({ port: '70000' }, {})).toContain('--port: must be a whole number from 0 to 65535');
    expect(attempt({ logLevel: 'verbose' }, { LOG_LEVEL: 'info' })).toContain('--log-level: must be one of');
    expect(attempt({}, { DATABASE_URL: 'mysql://x' })).toContain('DATABASE_URL: must start with postgres://');
    expect(attempt({}, { PORT: '' })).toBe('accepted');
  });
});

describe('triage serve as a process', () => {
  const folder = mkdtempSync(join(tmpdir(), 'triage-serve-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('listens on PORT with its data in TRIAGE_DATA_DIR when no flag says otherwise', async () => {
    const port = await freePort();
    const dataDir = join(folder, 'from-env');
    const run = runServe([], { PORT: String(port), TRIAGE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    try {
      const stdout = await run.started;
      expect(stdout).toContain(`Triage is running on http://localhost:${port}`);
      expect(stdout).toContain(dataDir);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    } finally {
      await run.stop();
    }
  });

  it('stops with exit code 1 and names the variable when LOG_LEVEL is invalid', async () => {
    const run = runServe([], { LOG_LEVEL: 'loud', TRIAGE_DATA_DIR: join(folder, 'never') });
    const result = await run.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('LOG_LEVEL: must be one of');
    expect(existsSync(join(folder, 'never'))).toBe(false);
  });

  it('says in --help which variable each flag falls back to', async () => {
    const run = runServe(['--help'], {});
    const { stdout, code } = await run.exited;
    expect(code).toBe(0);
    for (const variable of ['PORT', 'HOST', 'TRIAGE_DATA_DIR', 'LOG_LEVEL', 'DATABASE_URL'])
      expect(stdout).toContain(variable);
  });

  it('exits with code 1 and one clear line when the port is taken, leaving the data folder closed', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = (holder.address() as { port: number }).port;
    const dataDir = join(folder, 'port-taken');
    try {
      const result = await runServe(['--port', String(port), '--data', dataDir], { LOG_LEVEL: 'silent' })
        .exited;
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`triage: port ${port} is in use; pass --port or set PORT\n`);
      expect(result.stdout).toBe('');
    } finally {
      holder.close();
    }
    // The folder was closed cleanly: another process opens it and finds the migrated schema.
    const database = await createDatabase({ dataDir });
    try {
      expect(database.kind).toBe('pglite');
      const tenants = await database.pglite!.query<{ n: number }>('select count(*)::int as n from tenants');
      expect(tenants.rows[0]?.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
