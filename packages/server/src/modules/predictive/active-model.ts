import type { TrainedModel } from '@triage/core';
import type { Db } from '../../db/create-db';
import { findActiveModel } from './predictive.repository';

export interface ActiveModel {
  id: string;
  version: number;
  model: TrainedModel;
}

const CACHE_TTL_MS = 5_000;

/** The tenant's active trained model straight from the database (processes without the cache, e.g. the CLI). */
export async function readActiveModel(db: Db, tenantId: string): Promise<ActiveModel | null> {
  const row = await findActiveModel(db, tenantId);
  return row && row.status === 'ready' && row.model
    ? { id: row.id, version: row.version, model: row.model as TrainedModel }
    : null;
}

/**
 * The tenant's active model is read on every lead change (patch, event batch), so it is cached like the
 * policy: an activation in this process clears the entry at once, other processes follow within the TTL.
 * The cached object is also what core's scorer cache is keyed on, so the model is compiled once per load.
 */
export class ActiveModelCache {
  private readonly entries = new Map<string, { active: ActiveModel | null; until: number }>();
  constructor(private readonly db: Db) {}

  /**
   * Inside a transaction pass its handle as `db`: on PGlite a read through the root handle would wait for the
   * transaction that is waiting for it.
   */
  async get(tenantId: string, db: Db = this.db): Promise<ActiveModel | null> {
    const hit = this.entries.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.active;
    const active = await readActiveModel(db, tenantId);
    this.entries.set(tenantId, { active, until: Date.now() + CACHE_TTL_MS });
    return active;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}
