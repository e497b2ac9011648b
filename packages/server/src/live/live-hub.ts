/** What the inbox hears: some leads of the tenant changed (new events, maybe new stages). */
export interface LiveMessage {
  kind: 'events';
  leadIds: string[];
  accepted: number;
  transitions: number;
}

type Listener = (message: LiveMessage) => void;

/**
 * In-process fan-out of "something changed" per tenant. One process only: behind a load balancer each
 * process hears its own ingestion, so a browser may miss a refresh until its next poll (stated in the README).
 */
export class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(tenantId: string, listener: Listener): () => void {
    let set = this.#listeners.get(tenantId);
    if (!set) {
      set = new Set();
      this.#listeners.set(tenantId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(tenantId);
    };
  }

  publish(tenantId: string, message: LiveMessage): void {
    for (const listener of this.#listeners.get(tenantId) ?? []) {
      try {
        listener(message);
      } catch {
        // A broken connection must not stop the others from hearing the news.
      }
    }
  }

  listenerCount(tenantId: string): number {
    return this.#listeners.get(tenantId)?.size ?? 0;
  }
}
