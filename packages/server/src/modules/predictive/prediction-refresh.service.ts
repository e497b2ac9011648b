import type { AppContext } from '../../context';
import { listActiveModels, listStalePredictionIds } from './predictive.repository';
import { predictAndStore } from './predictive.service';

/**
 * How old a stored prediction of a lead with decaying engagement may get. With the default 14-day half-life,
 * engagement loses about 1.2% in 6 hours, well under what moves a probability a rep would notice.
 */
export const PREDICTION_MAX_AGE_MS = 6 * 60 * 60_000;
const REFRESH_BATCH = 1_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface RefreshOptions {
  maxAgeMs?: number;
  batchSize?: number;
}

export interface RefreshResult {
  tenants: number;
  /** Leads whose stored prediction was rewritten. */
  repredicted: number;
}

/**
 * Brings one tenant's stored predictions up to date with its active model and the clock: leads never predicted
 * (imports, a missed background re-prediction), predicted by another model, or older than `maxAgeMs` while
 * their engagement still decays. Each batch commits on its own, so a stop loses at most one batch of work.
 * When nothing is stale it is one index walk that finds nothing.
 */
export async function refreshTenantPredictions(
  ctx: AppContext,
  tenantId: string,
  options: RefreshOptions = {},
): Promise<number> {
  const active = await ctx.models.get(tenantId);
  if (!active) return 0;
  const policy = await ctx.policies.get(tenantId);
  const now = ctx.now();
  const staleBefore = new Date(now - (options.maxAgeMs ?? PREDICTION_MAX_AGE_MS));
  const batchSize = options.batchSize ?? REFRESH_BATCH;
  let repredicted = 0;
  let afterId = FIRST_ID;
  for (;;) {
    const ids = await listStalePredictionIds(ctx.db, tenantId, active.id, staleBefore, afterId, batchSize);
    if (ids.length === 0) return repredicted;
    afterId = ids.at(-1)!;
    repredicted += await predictAndStore(ctx.db, tenantId, ids, active, policy.policy.engagement, ctx.now());
  }
}

/** The scheduled job: every tenant with an active model, one after the other. */
export async function refreshStalePredictions(
  ctx: AppContext,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const result: RefreshResult = { tenants: 0, repredicted: 0 };
  const failed: string[] = [];
  for (const { tenantId } of await listActiveModels(ctx.db)) {
    result.tenants++;
    try {
      result.repredicted += await refreshTenantPredictions(ctx, tenantId, options);
    } catch (error) {
      // One tenant's failure must not keep the others stale; the job still ends failed, naming them.
      failed.push(`${tenantId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length)
    throw new Error(`refreshing predictions failed for ${failed.length} tenant(s): ${failed.join('; ')}`);
  return result;
}
