import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { firstRow, rows } from '../../db/sql';
import { toDate } from '../../db/timestamps';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const WEBHOOK_COLUMNS = sql`id, url, events, description, active, created_at as "createdAt", updated_at as "updatedAt"`;

type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | string };

const toWebhookRow = (raw: Raw<WebhookRow, 'createdAt' | 'updatedAt'>): WebhookRow => ({
  ...raw,
  createdAt: toDate(raw.createdAt),
  updatedAt: toDate(raw.updatedAt),
});

/** The event types some active endpoint of the tenant listens to: what the outbox needs to know per change. */
export async function findSubscribedTypes(db: Db, tenantId: string): Promise<string[]> {
  const found = await rows<{ type: string }>(
    db,
    sql`select distinct unnest(events) as type from webhooks where tenant_id = ${tenantId} and active`,
  );
  return found.map((row) => row.type);
}

export async function insertWebhook(
  db: Db,
  tenantId: string,
  input: {
    url: string;
    events: string[];
    description: string | null;
    active: boolean;
    secret: string;
    at: Date;
  },
): Promise<WebhookRow> {
  const row = await firstRow<Raw<WebhookRow, 'createdAt' | 'updatedAt'>>(
    db,
    sql`insert into webhooks (tenant_id, url, events, description, active, secret, created_at, updated_at)
        values (${tenantId}, ${input.url}, ${sql.param(input.events)}::text[], ${input.description}, ${input.active},
                ${input.secret}, ${input.at}, ${input.at})
        returning ${WEBHOOK_COLUMNS}`,
  );
  return toWebhookRow(row!);
}

export async function listWebhooks(db: Db, tenantId: string): Promise<WebhookRow[]> {
  const found = await rows<Raw<WebhookRow, 'createdAt' | 'updatedAt'>>(
    db,
    sql`select ${WEBHOOK_COLUMNS} from webhooks where tenant_id = ${tenantId} order by created_at, id`,
  );
  return found.map(toWebhookRow);
}

export async function findWebhook(db: Db, tenantId: string, id: string): Promise<WebhookRow | undefined> {
  const row = await firstRow<Raw<WebhookRow, 'createdAt' | 'updatedAt'>>(
    db,
    sql`select ${WEBHOOK_COLUMNS} from webhooks where tenant_id = ${tenantId} and id = ${id}`,
  );
  return row && toWebhookRow(row);
}

export interface WebhookUpdate {
  url?: string;
  events?: string[];
  description?: string | null;
  active?: boolean;
}

/** One statement: the fields given change, the others keep their value. */
export async function updateWebhook(
  db: Db,
  tenantId: string,
  id: string,
  update: WebhookUpdate,
  at: Date,
): Promise<WebhookRow | undefined> {
  const sets = [sql`updated_at = ${at}`];
  if (update.url !== undefined) sets.push(sql`url = ${update.url}`);
  if (update.events !== undefined) sets.push(sql`events = ${sql.param(update.events)}::text[]`);
  if (update.description !== undefined) sets.push(sql`description = ${update.description}`);
  if (update.active !== undefined) sets.push(sql`active = ${update.active}`);
  const row = await firstRow<Raw<WebhookRow, 'createdAt' | 'updatedAt'>>(
    db,
    sql`update webhooks set ${sql.join(sets, sql`, `)} where tenant_id = ${tenantId} and id = ${id}
        returning ${WEBHOOK_COLUMNS}`,
  );
  return row && toWebhookRow(row);
}

/** A new secret; the old one keeps signing beside it until `previousUntil`, so receivers can switch without a gap. */
export async function rotateWebhookSecret(
  db: Db,
  tenantId: string,
  id: string,
  secret: string,
  previousUntil: Date,
  at: Date,
): Promise<WebhookRow | undefined> {
  const row = await firstRow<Raw<WebhookRow, 'createdAt' | 'updatedAt'>>(
    db,
    sql`update webhooks set previous_secret = secret, previous_secret_until = ${previousUntil}, secret = ${secret},
          updated_at = ${at}
        where tenant_id = ${tenantId} and id = ${id}
        returning ${WEBHOOK_COLUMNS}`,
  );
  return row && toWebhookRow(row);
}

/** The endpoint with its log, in one statement: a delete never leaves attempts without their delivery. */
export async function deleteWebhook(db: Db, tenantId: string, id: string): Promise<boolean> {
  const found = await rows<{ id: string }>(
    db,
    sql`with gone as (delete from webhooks where tenant_id = ${tenantId} and id = ${id} returning id),
             deliveries as (delete from webhook_deliveries where tenant_id = ${tenantId} and webhook_id = ${id}
                            and exists (select 1 from gone) returning id),
             attempts as (delete from webhook_attempts where tenant_id = ${tenantId}
                          and delivery_id in (select id from deliveries))
        select id from gone`,
  );
  return found.length > 0;
}

export interface NewOutboxEvent {
  id: string;
  type: string;
  body: string;
  createdAt: Date;
}

/** The outbox write: any number of events in one statement, inside the caller's transaction. */
export async function insertOutboxEvents(
  db: Db,
  tenantId: string,
  list: readonly NewOutboxEvent[],
): Promise<void> {
  if (list.length === 0) return;
  await db.execute(
    sql`insert into webhook_events (tenant_id, id, type, body, created_at)
        select ${tenantId}::uuid, e.* from unnest(
          ${sql.param(list.map((e) => e.id))}::uuid[], ${sql.param(list.map((e) => e.type))}::text[],
          ${sql.param(list.map((e) => e.body))}::text[],
          ${sql.param(list.map((e) => e.createdAt.toISOString()))}::timestamptz[]) as e`,
  );
}

/**
 * Fans the oldest undispatched events out into one pending delivery per active endpoint that listens to their
 * type, and stamps them dispatched, in one statement. Rows another dispatcher holds are skipped, not waited for.
 */
export async function dispatchOutbox(
  db: Db,
  tenantId: string,
  now: Date,
  limit: number,
): Promise<{ events: number; deliveries: number }> {
  const row = await firstRow<{ events: number; deliveries: number }>(
    db,
    sql`with picked as (
          select id, type from webhook_events
          where tenant_id = ${tenantId} and dispatched_at is null
          order by created_at, id limit ${limit} for update skip locked),
        created as (
          insert into webhook_deliveries (tenant_id, webhook_id, event_id, event_type, next_attempt_at, created_at)
          select ${tenantId}::uuid, w.id, p.id, p.type, ${now}::timestamptz, ${now}::timestamptz
          from picked p join webhooks w on w.tenant_id = ${tenantId} and w.active and p.type = any(w.events)
          returning 1),
        stamped as (
          update webhook_events e set dispatched_at = ${now}
          from picked p where e.tenant_id = ${tenantId} and e.id = p.id returning 1)
        select (select count(*) from stamped)::int as events, (select count(*) from created)::int as deliveries`,
  );
  return row ?? { events: 0, deliveries: 0 };
}

export interface ClaimedDelivery {
  id: string;
  webhookId: string;
  eventType: string;
  /** This attempt's number (1 for the first). */
  attempt: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  body: string;
}

/**
 * Takes due deliveries of active endpoints for an attempt: counts the attempt and moves
 * `next_attempt_at` to the end of a lease, so no other worker takes them meanwhile, and a worker that dies mid-
 * attempt leaves them due again once the lease ends. No lock is held during the HTTP request.
 */
export async function claimDueDeliveries(
  db: Db,
  tenantId: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  return claimedFrom(
    db,
    tenantId,
    sql`with claimed as (
          update webhook_deliveries d set attempts = d.attempts + 1, next_attempt_at = ${leaseUntil}
          where d.tenant_id = ${tenantId} and d.id in (
            select x.id from webhook_deliveries x
            join webhooks w on w.tenant_id = x.tenant_id and w.id = x.webhook_id and w.active
            where x.tenant_id = ${tenantId} and x.status = 'pending' and x.next_attempt_at <= ${now}
            order by x.next_attempt_at limit ${limit} for update of x skip locked)
          returning d.id, d.webhook_id, d.event_id, d.event_type, d.attempts)`,
  );
}

/**
 * A delivery made outside the dispatcher (the test ping): its event, already dispatched, and its first attempt,
 * already claimed. Call in a transaction: the second statement reads what the first wrote.
 */
export async function insertClaimedDelivery(
  db: Db,
  tenantId: string,
  webhookId: string,
  event: NewOutboxEvent,
  now: Date,
  leaseUntil: Date,
): Promise<ClaimedDelivery | undefined> {
  const created = await firstRow<{ id: string }>(
    db,
    sql`with event as (
          insert into webhook_events (tenant_id, id, type, body, created_at, dispatched_at)
          values (${tenantId}, ${event.id}, ${event.type}, ${event.body}, ${event.createdAt}, ${now})
          returning id, type)
        insert into webhook_deliveries (tenant_id, webhook_id, event_id, event_type, attempts, next_attempt_at, created_at)
        select ${tenantId}::uuid, ${webhookId}::uuid, id, type, 1, ${leaseUntil}::timestamptz, ${now}::timestamptz from event
        returning id`,
  );
  const found = await claimedFrom(
    db,
    tenantId,
    sql`with claimed as (select id, webhook_id, event_id, event_type, attempts from webhook_deliveries
                         where tenant_id = ${tenantId} and id = ${created!.id})`,
  );
  return found[0];
}

/** The claimed deliveries (`claimed`, a CTE) with what an attempt needs: the endpoint's URL and secrets, the body. */
async function claimedFrom(db: Db, tenantId: string, claimed: SQL): Promise<ClaimedDelivery[]> {
  const found = await rows<Raw<ClaimedDelivery, 'previousSecretUntil'>>(
    db,
    sql`${claimed}
        select c.id, c.webhook_id as "webhookId", c.event_type as "eventType", c.attempts as attempt, w.url, w.secret,
          w.previous_secret as "previousSecret", w.previous_secret_until as "previousSecretUntil", e.body
        from claimed c
        join webhooks w on w.tenant_id = ${tenantId} and w.id = c.webhook_id
        join webhook_events e on e.tenant_id = ${tenantId} and e.id = c.event_id`,
  );
  return found.map((raw) => ({
    ...raw,
    previousSecretUntil: raw.previousSecretUntil === null ? null : toDate(raw.previousSecretUntil),
  }));
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  responseExcerpt: string | null;
  /** pending (with `nextRetryAt`), delivered or failed */
  status: 'pending' | 'delivered' | 'failed';
  nextRetryAt: Date | null;
  finishedAt: Date | null;
}

/** The attempt's log line and the delivery's new state, in one statement. */
export async function recordAttempt(db: Db, tenantId: string, record: AttemptRecord): Promise<void> {
  await db.execute(
    sql`with logged as (
          insert into webhook_attempts (tenant_id, delivery_id, attempt, started_at, duration_ms, response_status, error,
            response_excerpt, next_retry_at)
          select ${tenantId}::uuid, ${record.deliveryId}::uuid, ${record.attempt}::int, ${record.startedAt}::timestamptz,
            ${record.durationMs}::int, ${record.responseStatus}::int, ${record.error}::text, ${record.responseExcerpt}::text,
            ${record.nextRetryAt}::timestamptz
          -- The endpoint may have been deleted during the attempt: then there is nothing to log against.
          where exists (select 1 from webhook_deliveries where tenant_id = ${tenantId} and id = ${record.deliveryId})
          on conflict (tenant_id, delivery_id, attempt) do nothing)
        update webhook_deliveries set status = ${record.status}, next_attempt_at = ${record.nextRetryAt},
          finished_at = ${record.finishedAt}
        where tenant_id = ${tenantId} and id = ${record.deliveryId}`,
  );
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One line of a delivery's log. */
export type AttemptRow = Omit<AttemptRecord, 'status' | 'finishedAt'>;

const orNull = (value: Date | string | null) => (value === null ? null : toDate(value));

/** The endpoint's latest deliveries, newest first, each with its attempts in order. */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  webhookId: string,
  limit: number,
  filter: { status?: string | undefined; id?: string },
): Promise<{ delivery: DeliveryRow; attempts: AttemptRow[] }[]> {
  const deliveries = await rows<Raw<DeliveryRow, 'nextAttemptAt' | 'createdAt' | 'finishedAt'>>(
    db,
    sql`select id, event_id as "eventId", event_type as "eventType", status, next_attempt_at as "nextAttemptAt",
          created_at as "createdAt", finished_at as "finishedAt"
        from webhook_deliveries where tenant_id = ${tenantId} and webhook_id = ${webhookId}
          ${filter.status ? sql`and status = ${filter.status}` : sql``}
          ${filter.id ? sql`and id = ${filter.id}` : sql``}
        order by created_at desc, id desc limit ${limit}`,
  );
  if (deliveries.length === 0) return [];
  const attempts = await rows<Raw<AttemptRow, 'startedAt' | 'nextRetryAt'>>(
    db,
    sql`select delivery_id as "deliveryId", attempt, started_at as "startedAt", duration_ms as "durationMs",
          response_status as "responseStatus", error, response_excerpt as "responseExcerpt", next_retry_at as "nextRetryAt"
        from webhook_attempts where tenant_id = ${tenantId}
          and delivery_id = any(${sql.param(deliveries.map((d) => d.id))}::uuid[])
        order by delivery_id, attempt`,
  );
  const byDelivery = new Map<string, AttemptRow[]>();
  for (const raw of attempts) {
    const row = { ...raw, startedAt: toDate(raw.startedAt), nextRetryAt: orNull(raw.nextRetryAt) };
    const list = byDelivery.get(row.deliveryId);
    if (list) list.push(row);
    else byDelivery.set(row.deliveryId, [row]);
  }
  return deliveries.map((raw) => ({
    delivery: {
      ...raw,
      nextAttemptAt: orNull(raw.nextAttemptAt),
      createdAt: toDate(raw.createdAt),
      finishedAt: orNull(raw.finishedAt),
    },
    attempts: byDelivery.get(raw.id) ?? [],
  }));
}

/** Tenants with events to fan out or deliveries due: what the periodic sweep wakes a dispatcher for. */
export async function tenantsWithWebhookWork(db: Db, now: Date): Promise<string[]> {
  const found = await rows<{ tenantId: string }>(
    db,
    sql`select distinct tenant_id as "tenantId" from webhook_events where dispatched_at is null
        union
        select distinct tenant_id from webhook_deliveries where status = 'pending' and next_attempt_at <= ${now}`,
  );
  return found.map((row) => row.tenantId);
}

/** Forgets finished deliveries, their attempts and dispatched events older than `before`. */
export async function purgeWebhookHistory(db: Db, before: Date): Promise<void> {
  await db.execute(
    sql`with old as (
          delete from webhook_deliveries where status <> 'pending' and finished_at < ${before}
          returning tenant_id, id),
        attempts as (
          delete from webhook_attempts a using old where a.tenant_id = old.tenant_id and a.delivery_id = old.id)
        delete from webhook_events e where e.dispatched_at < ${before}
          and not exists (select 1 from webhook_deliveries d
                          where d.tenant_id = e.tenant_id and d.event_id = e.id and d.status = 'pending')`,
  );
}
