import { computeFit, type EngagementEvent, orderingKey, recomputeEngagement } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { useKeyedPlans } from '../../db/keyed-plans';
import { rows } from '../../db/sql';
import { retryOnDeadlock } from '../../db/sql-errors';
import type { ActivePolicy } from '../policy/policy.service';
import {
  accountOfRow,
  fitSubjectOf,
  LEAD_WITH_ACCOUNT_COLUMNS,
  type LeadWithAccountRow,
} from './fit-subject';
import { lockScoreRows, writeEngagement, writeFits } from './lead-scores.repository';

const BATCH = 5_000;
/** Batches written at once; more than two buys nothing on a small server and only holds more connections. */
const WRITERS = 2;

/**
 * Brings every lead of the tenant to `policy`: fit always, engagement from the ledger only when the engagement
 * part of the policy changed. Works in batches of 5,000 leads, each committed on its own, and picks leads by
 * the score row's `policy_version < version`, so an interrupted run resumes where it stopped. Stages are not moved here: the
 * stage rules apply when a lead next changes (a policy preview is the place to see their effect first).
 *
 * The updates name the batch's ids with `l.id = any(ids)` as well as joining them to unnest: without it
 * PostgreSQL hashes every lead of the tenant for each batch, so a re-score grew with the square of the tenant.
 */
export async function rescoreTenant(
  ctx: AppContext,
  tenantId: string,
  policy: ActivePolicy,
  engagementChanged: boolean,
): Promise<number> {
  let total = 0;
  let afterId = '00000000-0000-0000-0000-000000000000';
  // Reading and scoring the next batch overlaps with writing the previous ones: on PostgreSQL the writes run on
  // their own connections (PGlite simply queues them). A failed write stops the run after the writes in flight.
  const writes = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const track = (write: Promise<void>) => {
    const tracked: Promise<void> = write
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => writes.delete(tracked));
    writes.add(tracked);
  };
  while (!failure) {
    const batch = await rows<LeadWithAccountRow>(
      ctx.db,
      sql`select ${LEAD_WITH_ACCOUNT_COLUMNS}
          from lead_scores s
          join leads l on l.tenant_id = s.tenant_id and l.id = s.lead_id
          left join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
          where s.tenant_id = ${tenantId} and s.policy_version < ${policy.version} and s.lead_id > ${afterId}
            and l.id > ${afterId}
          order by s.lead_id limit ${BATCH}`,
    );
    if (batch.length === 0) break;
    afterId = batch.at(-1)!.id;
    const ids = batch.map((r) => r.id);
    const fits = batch.map((r) => {
      const fit = computeFit(fitSubjectOf(r, accountOfRow(r)), policy.policy.icp.rules);
      return { id: r.id, fitScore: fit.score, fitKnockedOut: fit.knockedOut };
    });
    // Ingestion locks score rows in id order while this batch updates them in the plan's order: should the two
    // cross, PostgreSQL aborts one of them, and running this batch again is safe.
    track(
      retryOnDeadlock(() =>
        ctx.db.transaction(async (tx) => {
          await useKeyedPlans(tx);
          if (engagementChanged) await replayEngagement(tx, tenantId, ids, policy);
          await writeFits(tx, tenantId, fits, policy.version);
        }),
      ),
    );
    total += batch.length;
    if (writes.size >= WRITERS) await Promise.race(writes);
  }
  await Promise.all(writes);
  if (failure) throw failure.error;
  return total;
}

async function replayEngagement(db: AppContext['db'], tenantId: string, ids: string[], policy: ActivePolicy) {
  const locked = await lockScoreRows(db, tenantId, ids);
  const events = await rows<{ leadId: string; type: string; occurredAt: number }>(
    db,
    sql`select lead_id as "leadId", type, occurred_at as "occurredAt" from events
        where tenant_id = ${tenantId} and lead_id = any(${sql.param(ids)}::uuid[])`,
  );
  const byLead = new Map<string, EngagementEvent[]>();
  for (const e of events) {
    const list = byLead.get(e.leadId) ?? [];
    list.push({ type: e.type, occurredAt: e.occurredAt });
    byLead.set(e.leadId, list);
  }
  const engagement = policy.policy.engagement;
  await writeEngagement(
    db,
    tenantId,
    locked.map(({ id, row }) => {
      const list = byLead.get(id);
      const state = list ? recomputeEngagement(list, engagement).state : { value: 0, asOf: 0 };
      return {
        id,
        row,
        value: state.value,
        asOf: state.asOf,
        hotKey: orderingKey(state, engagement),
        lastActivityAt: null,
      };
    }),
  );
}
