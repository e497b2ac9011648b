import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import type { Database } from '../db/create-db';

/** What services use to queue durable work. */
export interface JobQueue {
  /** Queues a job; `singletonKey` keeps one queued and one running job per key; `startAfter` delays it. */
  send(queue: string, data: object, singletonKey?: string, startAfter?: Date): Promise<string | null>;
}

export interface JobDefinition {
  queue: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
  /** A cron line (UTC) that queues this job on a schedule. */
  cron?: string;
  /** A job still running after this long is considered lost with its process and retried. */
  expireInSeconds?: number;
  retryLimit?: number;
  /** Runs once the queues exist (e.g. to re-queue work a stopped process left behind). */
  onStart?: () => Promise<void>;
  /** Workers this process runs for the queue (jobs of different singleton keys run side by side); 1 by default. */
  workers?: number;
}

export interface JobsPluginOptions {
  ctx: AppContext;
  definitions: JobDefinition[];
  /** How often an idle worker looks for work (pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
}

/**
 * pg-boss over the app's own database handle: on PostgreSQL through the pool, on PGlite through an adapter
 * (parameter-less SQL may hold several statements, which only PGlite's exec() accepts). Jobs are rows in the
 * `pgboss` schema of the same database, so a job queued before a restart runs after it.
 */
function bossDb(database: Database): PgBoss.Db {
  if (database.pool) {
    const pool = database.pool;
    return { executeSql: (text, values) => pool.query(text, values) };
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('the job runner needs a PostgreSQL pool or a PGlite instance');
  return {
    executeSql: async (text, values) =>
      values?.length ? pglite.query(text, values) : ((await pglite.exec(text)).at(-1) ?? { rows: [] }),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/**
 * The durable job runner (named plugin `triage-jobs`): starts pg-boss, creates each queue, starts one worker
 * per queue, registers schedules, and stops gracefully (waiting for running jobs) before the database closes.
 * Services reach it as `ctx.jobs`; it is absent when the app is built without jobs.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance, options: JobsPluginOptions) => {
    const { ctx, definitions } = options;
    const boss = new PgBoss({
      db: bossDb(ctx.database),
      schema: 'pgboss',
      // Completed jobs are history nobody reads: keep a week.
      deleteAfterDays: 7,
    });
    boss.on('error', (error) => app.log.error({ err: error }, 'job runner error'));
    await boss.start();
    const queue: JobQueue = {
      send: (name, data, singletonKey, startAfter) =>
        boss.send(name, data, {
          ...(singletonKey ? { singletonKey } : {}),
          ...(startAfter ? { startAfter } : {}),
        }),
    };
    ctx.jobs = queue;
    app.decorate('jobs', queue);
    for (const definition of definitions) {
      await boss.createQueue(definition.queue, {
        name: definition.queue,
        policy: 'stately',
        retryLimit: definition.retryLimit ?? 2,
        expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      });
      for (let worker = 0; worker < (definition.workers ?? 1); worker++) {
        await boss.work<Record<string, unknown>>(
          definition.queue,
          { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) await definition.handler(job.data);
          },
        );
      }
      if (definition.cron) await boss.schedule(definition.queue, definition.cron, {}, { tz: 'UTC' });
    }
    for (const definition of definitions) await definition.onStart?.();
    app.addHook('onClose', async () => {
      delete ctx.jobs;
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    });
  },
  { name: 'triage-jobs' },
);
