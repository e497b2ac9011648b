import { DEFAULT_POLICY, followUpPolicyOf, type ScoringPolicy } from '@triage/core';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../plugins/auth';
import { findLatestPolicy, insertPolicy } from './policy.repository';

export interface ActivePolicy {
  version: number;
  policy: ScoringPolicy;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

const CACHE_TTL_MS = 5_000;

/**
 * The live policy is read on every ingestion batch, so it is cached per tenant. A publish in this process
 * clears the entry at once; other processes pick the new version up within the TTL.
 */
export class PolicyCache {
  private readonly entries = new Map<string, { policy: ActivePolicy; until: number }>();
  constructor(private readonly db: Db) {}

  async get(tenantId: string): Promise<ActivePolicy> {
    const hit = this.entries.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.policy;
    const row = await findLatestPolicy(this.db, tenantId);
    if (!row) throw new Error(`tenant ${tenantId} has no policy`);
    const stored = row.policy as ScoringPolicy;
    // Stored policies are trusted, not parsed again; one published before a section existed gets its defaults here,
    // once, so no reader has to remember that it might be missing.
    const policy: ActivePolicy = { ...row, policy: { ...stored, followUp: followUpPolicyOf(stored) } };
    this.entries.set(tenantId, { policy, until: Date.now() + CACHE_TTL_MS });
    return policy;
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}

export async function createInitialPolicy(db: Db, tenantId: string): Promise<void> {
  await insertPolicy(db, {
    tenantId,
    version: 1,
    policy: DEFAULT_POLICY,
    note: 'Default policy',
    createdBy: null,
  });
}

export async function publishPolicy(
  db: Db,
  tenantId: string,
  policy: ScoringPolicy,
  note: string | undefined,
  actor: Actor,
): Promise<ActivePolicy> {
  const latest = await findLatestPolicy(db, tenantId);
  const row = await insertPolicy(db, {
    tenantId,
    version: (latest?.version ?? 0) + 1,
    policy,
    note: note ?? null,
    createdBy: `${actor.kind}:${actor.id}`,
  });
  return { ...row, policy };
}

export function toPolicyView(p: ActivePolicy) {
  return {
    version: p.version,
    policy: p.policy,
    note: p.note,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}
