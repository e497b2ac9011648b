import { type FollowUpPolicy, type FollowUpStatus, followUpStatus, type Stage } from '@triage/core';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { toDate } from '../../db/timestamps';
import type { OutboxEvent } from '../webhooks/webhook-payloads';
import {
  type FollowUpRow,
  findFollowUpRows,
  listTenantIds,
  markClockAlerts,
  markQuietAlerts,
} from './follow-up.repository';
import { followUpCutoffs, quietFilter } from './follow-up.service';
import { followUpFacts, handRaiserTypes } from './follow-up-view';

/** Leads marked per kind and transaction; a workspace with more is finished by the following batches. */
const BATCH = 500;
const MAX_BATCHES = 20;

export interface SweepCount {
  breached: number;
  escalated: number;
  goneQuiet: number;
}

const iso = (at: number) => new Date(at).toISOString();

function clockEvent(
  type: 'lead.sla_breached' | 'lead.escalated',
  row: FollowUpRow,
  status: FollowUpStatus,
  policy: FollowUpPolicy,
  now: number,
): OutboxEvent | undefined {
  const clock = status.clock;
  if (!clock) return undefined;
  const data = {
    leadId: row.id,
    ownerId: row.ownerId,
    stage: row.stage as Stage,
    trigger: clock.trigger,
    handRaisedAt: iso(clock.startedAt),
    dueAt: iso(clock.dueAt),
    targetMinutes: clock.targetMinutes,
    overdueMinutes: clock.overdueMinutes ?? 0,
    why: clock.why,
    at: iso(now),
  };
  return type === 'lead.sla_breached'
    ? { type, data }
    : { type, data: { ...data, escalateAfterMinutes: policy.speedToLead.escalateAfterMinutes ?? 0 } };
}

function quietEvent(row: FollowUpRow, status: FollowUpStatus, now: number): OutboxEvent | undefined {
  const { quiet, nextAction } = status;
  if (!quiet || !nextAction) return undefined;
  return {
    type: 'lead.gone_quiet',
    data: {
      leadId: row.id,
      ownerId: row.ownerId,
      stage: row.stage as Stage,
      lastActivityAt: iso(quiet.since),
      quietDays: quiet.days,
      afterDays: quiet.afterDays,
      nextAction: { kind: nextAction.kind, label: nextAction.label, why: nextAction.why },
      at: iso(now),
    },
  };
}

/**
 * Marks one batch of a kind and writes its webhook events in the same transaction: an alert exists exactly when its
 * event was written, and a run that finds the episode marked writes nothing.
 */
async function sweepBatch(
  ctx: AppContext,
  tenantId: string,
  kind: keyof SweepCount,
  mark: (tx: Db, at: Date) => Promise<string[]>,
): Promise<number> {
  const active = await ctx.policies.get(tenantId);
  const policy = active.policy.followUp;
  const outbox = await ctx.webhooks.outbox(tenantId);
  const now = ctx.now();
  const marked = await ctx.db.transaction(async (tx) => {
    const ids = await mark(tx, new Date(now));
    const loaded = await findFollowUpRows(tx, tenantId, ids, handRaiserTypes(active.policy));
    const events = loaded.map((row) => {
      const status = followUpStatus(followUpFacts(row), policy, now);
      if (kind === 'goneQuiet') return quietEvent(row, status, now);
      return clockEvent(
        kind === 'breached' ? 'lead.sla_breached' : 'lead.escalated',
        row,
        status,
        policy,
        now,
      );
    });
    await outbox.add(tx, events, new Date(now));
    return ids.length;
  });
  outbox.committed();
  return marked;
}

async function sweepKind(
  ctx: AppContext,
  tenantId: string,
  kind: keyof SweepCount,
  mark: (tx: Db, at: Date) => Promise<string[]>,
): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const marked = await sweepBatch(ctx, tenantId, kind, mark);
    total += marked;
    if (marked < BATCH) break;
  }
  return total;
}

/**
 * One workspace's sweep: hand-raisers whose clock broke (`lead.sla_breached`) or reached the escalation margin
 * (`lead.escalated`), once per hand-raise; and, unless `clockOnly`, working-stage leads gone quiet
 * (`lead.gone_quiet`), once per silence.
 */
export async function sweepFollowUps(
  ctx: AppContext,
  tenantId: string,
  options: { clockOnly?: boolean } = {},
): Promise<SweepCount> {
  const active = await ctx.policies.get(tenantId);
  const policy = active.policy.followUp;
  const cutoffs = followUpCutoffs(policy, ctx.now());
  const stages = policy.speedToLead.stages;
  const breached = await sweepKind(ctx, tenantId, 'breached', (tx, at) =>
    markClockAlerts(tx, tenantId, 'breached', stages, cutoffs.dueBy, at, BATCH),
  );
  const escalatedBy = cutoffs.escalatedBy;
  const escalated = escalatedBy
    ? await sweepKind(ctx, tenantId, 'escalated', (tx, at) =>
        markClockAlerts(tx, tenantId, 'escalated', stages, escalatedBy, at, BATCH),
      )
    : 0;
  const goneQuiet = options.clockOnly
    ? 0
    : await sweepKind(ctx, tenantId, 'goneQuiet', (tx, at) =>
        markQuietAlerts(tx, tenantId, quietFilter(policy, toDate(at).getTime()), at, BATCH),
      );
  return { breached, escalated, goneQuiet };
}

/** Every workspace, one after the other; one workspace's failure does not stop the others. */
export async function sweepAllFollowUps(
  ctx: AppContext,
  options: { clockOnly?: boolean; onError?: (error: unknown, tenantId: string) => void } = {},
): Promise<SweepCount> {
  const total: SweepCount = { breached: 0, escalated: 0, goneQuiet: 0 };
  for (const tenantId of await listTenantIds(ctx.db)) {
    try {
      const count = await sweepFollowUps(ctx, tenantId, options);
      total.breached += count.breached;
      total.escalated += count.escalated;
      total.goneQuiet += count.goneQuiet;
    } catch (error) {
      options.onError?.(error, tenantId);
    }
  }
  return total;
}
