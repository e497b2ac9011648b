import { parentPort, workerData } from 'node:worker_threads';
import { type TrainingInput, trainTenantModel } from './model-training';

/** Runs one training off the main thread (see train-in-worker.ts) and posts the result or the failure's message. */
try {
  parentPort?.postMessage({ ok: true, output: trainTenantModel(workerData as TrainingInput) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
