import type { Database, Db } from './db/create-db';
import { LiveHub } from './live/live-hub';
import { PolicyCache } from './modules/policy/policy.service';
import { ActiveModelCache } from './modules/predictive/active-model';
import type { JobQueue } from './plugins/jobs';

/** What every service needs: the database, the live-policy cache and a clock (tests move time). */
export interface AppContext {
  database: Database;
  db: Db;
  policies: PolicyCache;
  now: () => number;
  /** Tells open inboxes (Server-Sent Events) that leads changed. */
  live: LiveHub;
  /** Each tenant's active predictive model, cached like the policy. */
  models: ActiveModelCache;
  /** The durable job queue; absent when the app runs without jobs. */
  jobs?: JobQueue;
}

export function createContext(database: Database, now: () => number = Date.now): AppContext {
  return {
    database,
    db: database.db,
    policies: new PolicyCache(database.db),
    now,
    live: new LiveHub(),
    models: new ActiveModelCache(database.db),
  };
}
