/** Re-predicts some leads of one tenant; resolves when their probabilities are stored. */
export type RepredictBatch = (tenantId: string, leadIds: string[]) => Promise<unknown>;

export interface PredictionSchedulerOptions {
  /** Ids scheduled within this window are re-predicted together (one load, one write). */
  delayMs?: number;
  /** Leads per re-prediction (one read of their data and one write). */
  batchSize?: number;
  /** Called with each failed batch; by default written to stderr. The ids of a failed batch are dropped. */
  onError?: (error: unknown, tenantId: string, leadIds: readonly string[]) => void;
}

const DEFAULT_DELAY_MS = 25;
const DEFAULT_BATCH_SIZE = 2_000;

/**
 * Re-predicts leads shortly after their data changed, outside the request that changed them: callers hand over
 * lead ids after their transaction commits and answer at once. Ids are collected per tenant (a lead scheduled
 * twice is predicted once), each tenant's batches run one at a time, tenants run side by side, and a failure is
 * reported, never thrown at the caller: the periodic refresh (prediction-refresh.service.ts) repairs what is
 * lost. `flush()` waits until everything scheduled so far is stored; `close()` does that and then refuses more.
 */
export class PredictionScheduler {
  private readonly pending = new Map<string, Set<string>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly delayMs: number;
  private readonly batchSize: number;
  private closed = false;
  onError: (error: unknown, tenantId: string, leadIds: readonly string[]) => void;

  constructor(
    private readonly repredict: RepredictBatch,
    options: PredictionSchedulerOptions = {},
  ) {
    this.delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.onError =
      options.onError ??
      ((error, tenantId, leadIds) =>
        console.error(`re-predicting ${leadIds.length} lead(s) of tenant ${tenantId} failed:`, error));
  }

  /** Queues the leads for re-prediction. Returns at once; ignored after close(). */
  schedule(tenantId: string, leadIds: Iterable<string>): void {
    if (this.closed) return;
    let ids = this.pending.get(tenantId);
    for (const id of leadIds) {
      if (!ids) {
        ids = new Set();
        this.pending.set(tenantId, ids);
      }
      ids.add(id);
    }
    if (!ids?.size || this.running.has(tenantId) || this.timers.has(tenantId)) return;
    this.timers.set(
      tenantId,
      setTimeout(() => this.start(tenantId), this.delayMs),
    );
  }

  /** Leads waiting for their re-prediction (not counting a batch being written). */
  get pendingCount(): number {
    let count = 0;
    for (const ids of this.pending.values()) count += ids.size;
    return count;
  }

  /** Resolves once everything scheduled before and during the call is re-predicted (or has failed). */
  async flush(): Promise<void> {
    for (;;) {
      for (const tenantId of [...this.timers.keys()]) this.start(tenantId);
      if (this.running.size === 0) return;
      await Promise.all(this.running.values());
    }
  }

  /** Drains what is queued and stops accepting more (the app calls it on close, before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private start(tenantId: string): void {
    const timer = this.timers.get(tenantId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(tenantId);
    if (this.running.has(tenantId)) return;
    this.running.set(tenantId, this.drain(tenantId));
  }

  private async drain(tenantId: string): Promise<void> {
    // Yield first, so the running entry exists before the emptiness check below can remove it.
    await undefined;
    for (;;) {
      const batch = this.takeBatch(tenantId);
      if (batch.length === 0) {
        // Checked and removed in one synchronous step: an id scheduled after this starts a new timer.
        this.running.delete(tenantId);
        return;
      }
      try {
        await this.repredict(tenantId, batch);
      } catch (error) {
        try {
          this.onError(error, tenantId, batch);
        } catch {
          // A failing logger must not stop the queue.
        }
      }
    }
  }

  private takeBatch(tenantId: string): string[] {
    const ids = this.pending.get(tenantId);
    if (!ids) return [];
    const batch: string[] = [];
    for (const id of ids) {
      if (batch.length >= this.batchSize) break;
      batch.push(id);
    }
    for (const id of batch) ids.delete(id);
    if (ids.size === 0) this.pending.delete(tenantId);
    return batch;
  }
}
