import type { SentWebhookEventType } from '@triage/contracts';
import type { Db } from '../../db/create-db';
import { uuidV7Batch } from '../../db/uuid-v7';
import { type OutboxEvent, webhookEnvelope } from './webhook-payloads';
import { findSubscribedTypes, insertOutboxEvents } from './webhooks.repository';

/** How long another process may keep writing (or not writing) events after endpoints changed. */
export const SUBSCRIPTION_CACHE_TTL_MS = 5_000;

/**
 * One change's handle on the outbox, taken before its transaction. A type nobody listens to costs nothing:
 * `wants` is a set lookup, and `add` writes nothing and runs no query. Events go in with multi-row inserts, in the
 * change's own transaction, so they exist exactly when the change committed.
 */
export class TenantOutbox {
  private wrote = false;
  private holding = false;
  private held: { event: OutboxEvent; at: Date }[] = [];

  constructor(
    readonly tenantId: string,
    private readonly types: ReadonlySet<string>,
    private readonly onCommitted: (tenantId: string) => void,
  ) {}

  wants(type: SentWebhookEventType): boolean {
    return this.types.has(type);
  }

  /**
   * Queues the events some endpoint listens to (the others are dropped), stamped `at`: written at once, or at
   * `flush` after `hold`.
   */
  async add(db: Db, events: readonly (OutboxEvent | undefined)[], at: Date): Promise<void> {
    for (const event of events)
      if (event !== undefined && this.types.has(event.type)) this.held.push({ event, at });
    if (!this.holding) await this.flush(db);
  }

  /**
   * From now until `flush`, events are kept and then written together: a change that emits several kinds (an
   * ingestion batch creates leads, moves stages and heats leads up) writes them with one insert. Call it at the
   * start of each try of the transaction: it forgets what a rolled-back try kept.
   */
  hold(): void {
    this.holding = true;
    this.held = [];
  }

  async flush(db: Db): Promise<void> {
    this.holding = false;
    const held = this.held;
    this.held = [];
    if (held.length === 0) return;
    const ids = uuidV7Batch(held.length);
    await insertOutboxEvents(
      db,
      this.tenantId,
      held.map(({ event, at }, i) => ({
        id: ids[i]!,
        type: event.type,
        body: JSON.stringify(webhookEnvelope(ids[i]!, event, at, this.tenantId)),
        createdAt: at,
      })),
    );
    this.wrote = true;
  }

  /** Call after the commit: wakes the dispatcher if this change wrote anything. */
  committed(): void {
    if (!this.wrote) return;
    this.wrote = false;
    this.onCommitted(this.tenantId);
  }
}

/**
 * The event types each tenant's active endpoints listen to, cached like the policy: a change made through this
 * process clears the tenant's entry at once; another process sees it within SUBSCRIPTION_CACHE_TTL_MS (until
 * then it may skip events for a new endpoint or still write some for a paused one, which the dispatcher drops).
 */
export class WebhookSubscriptions {
  private readonly entries = new Map<string, { types: ReadonlySet<string>; until: number }>();
  /** Set by the job runner: wakes the tenant's dispatcher after a commit that wrote events. */
  wake: (tenantId: string) => void = () => undefined;

  constructor(private readonly db: Db) {}

  async outbox(tenantId: string): Promise<TenantOutbox> {
    return new TenantOutbox(tenantId, await this.types(tenantId), (id) => this.wake(id));
  }

  private async types(tenantId: string): Promise<ReadonlySet<string>> {
    const hit = this.entries.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.types;
    const types = new Set(await findSubscribedTypes(this.db, tenantId));
    this.entries.set(tenantId, { types, until: Date.now() + SUBSCRIPTION_CACHE_TTL_MS });
    return types;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}
