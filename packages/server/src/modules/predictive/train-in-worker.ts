import { Worker } from 'node:worker_threads';
import type { TrainingInput, TrainingOutput } from './model-training';

type WorkerReply = { ok: true; output: TrainingOutput } | { ok: false; message: string };

/*
 * The code runs as TypeScript without a build step, and a worker thread does not inherit the loader the main
 * thread was started with (tsx registered by bin/triage.js, or vitest's own transform). On Node 20 `--import tsx`
 * in the worker's execArgv does not apply to the worker's own entry file, so the entry is a small ES module
 * (a data: URL) that registers tsx and then imports the TypeScript worker. tsx is resolved from here, so the
 * working directory does not matter.
 */
function workerEntry(): URL {
  // Resolved when a training starts, so a process that cannot find tsx fails that training with this error
  // (stored on the model) instead of failing to start.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const workerFile = new URL('./training.worker.ts', import.meta.url).href;
  return new URL(
    `data:text/javascript,${encodeURIComponent(
      `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(workerFile)});`,
    )}`,
  );
}

/**
 * Trains in a worker thread so that the event loop keeps serving every tenant's requests meanwhile. One worker
 * per training, ended when it answers; the input is copied to it (structured clone), the model copied back.
 */
export function trainInWorker(input: TrainingInput): Promise<TrainingOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), { workerData: input });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once('message', (reply: WorkerReply) =>
      settle(() => (reply.ok ? resolve(reply.output) : reject(new Error(reply.message)))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the training worker stopped (exit code ${code}) before answering`))),
    );
  });
}
