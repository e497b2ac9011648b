import type { Database, Db } from './db/create-db';
import { LiveHub } from './live/live-hub';
import { PolicyCache } from './modules/policy/policy.service';
import { ActiveModelCache } from './modules/predictive/active-model';
import { PredictionScheduler } from './modules/predictive/prediction-scheduler';
import { repredictCommittedLeads } from './modules/predictive/predictive.service';
import { WebhookSubscriptions } from './modules/webhooks/webhook-outbox';
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
  /** Re-predicts leads shortly after a change committed (`schedule`), outside the request; `flush` in tests. */
  predictions: PredictionScheduler;
  /** Which event types each tenant's webhooks listen to, cached; hands each change its outbox. */
  webhooks: WebhookSubscriptions;
  /** The durable job queue; absent when the app runs without jobs. */
  jobs?: JobQueue;
}

export function createContext(database: Database, now: () => number = Date.now): AppContext {
  const ctx: AppContext = {
    database,
    db: database.db,
    policies: new PolicyCache(database.db),
    now,
    live: new LiveHub(),
    models: new ActiveModelCache(database.db),
    webhooks: new WebhookSubscriptions(database.db),
    predictions: new PredictionScheduler((tenantId, ids) => repredictCommittedLeads(ctx, tenantId, ids)),
  };
  return ctx;
}
