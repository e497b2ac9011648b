import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'triage.js');

export interface ServeRun {
  child: ChildProcess;
  /** Resolves with stdout once the start-up message is printed, or rejects when the process ends first. */
  started: Promise<string>;
  /** Resolves when the process ends, with its exit code and everything it printed. */
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

/** Runs `triage <args>` with exactly the given environment (plus PATH), the way a user would start the server. */
export function runServe(args: string[], env: NodeJS.ProcessEnv): ServeRun {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  const started = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      if (stdout.includes('Triage is running')) resolve(stdout);
    });
    void exited.then((result) =>
      reject(new Error(`triage serve exited with ${result.code} before starting: ${result.stderr}`)),
    );
  });
  started.catch(() => undefined);
  return {
    child,
    started,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
