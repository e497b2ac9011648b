import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningServer {
  url: string;
  apiKey: string;
  email: string;
  password: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The production bundle the server serves, rebuilt so the suite never tests a stale bundle (about 2 s). */
export function ensureWebBuild() {
  if (process.env.E2E_SKIP_BUILD && existsSync(join(REPO, 'packages/web/dist/index.html'))) return;
  execSync('npm run build -w @triage/web', { cwd: REPO, stdio: 'pipe' });
}

/** `triage serve --demo` on PGlite in a temporary folder, exactly as a user starts it; reads the printed credentials. */
export async function startDemoServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'triage-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO, 'packages/cli/bin/triage.js'), 'serve', '--demo', '--data', dataDir, '--port', String(port)],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  let output = '';
  const ready = new Promise<RunningServer>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const key = output.match(/API key: (trg_\S+)/);
      const user = output.match(/email (\S+)\s+password (\S+)/);
      if (key?.[1] && user?.[1] && user[2]) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          apiKey: key[1],
          email: user[1],
          password: user[2],
          stop: async () => {
            child.kill('SIGTERM');
            await new Promise((r) => child.once('exit', r));
            rmSync(dataDir, { recursive: true, force: true });
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return ready;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
