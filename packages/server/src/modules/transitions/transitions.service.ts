import type { Transition, TransitionInput } from '@triage/contracts';
import { checkTransition, DISQUALIFICATION_REASONS, type Stage } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { toIso } from '../../db/timestamps';
import { conflict, invalid } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { toLeadView } from '../leads/lead-view';
import { requireLead } from '../leads/require-lead';
import type { TenantOutbox } from '../webhooks/webhook-outbox';
import { stageChangedEvent } from '../webhooks/webhook-payloads';
import {
  insertTransitions,
  listTransitions,
  type NewTransition,
  type TransitionRow,
} from './transitions.repository';

const STAGES_THAT_KEEP_A_REASON = new Set(['disqualified', 'closed_lost']);

/**
 * Appends the transitions and moves each lead to its last `toStage`, in one statement each; with an outbox whose
 * webhooks listen to `lead.stage_changed`, one more statement queues an event per move, in the same transaction.
 */
export async function recordTransitions(
  db: Db,
  tenantId: string,
  list: NewTransition[],
  outbox?: TenantOutbox,
): Promise<TransitionRow[]> {
  if (list.length === 0) return [];
  const inserted = await insertTransitions(db, tenantId, list);
  if (outbox?.wants('lead.stage_changed')) await outbox.add(db, inserted.map(stageChangedEvent), list[0]!.at);
  const last = new Map<string, NewTransition>();
  for (const t of list) last.set(t.leadId, t);
  const moves = [...last.values()];
  await db.execute(sql`
    update leads l set stage = m.stage, stage_changed_at = m.at,
      disqualification_reason = case when m.stage in ('disqualified', 'closed_lost') then m.reason else null end,
      first_contacted_at = case when m.stage in ('sal', 'sql', 'opportunity') then coalesce(l.first_contacted_at, m.at)
                                else l.first_contacted_at end,
      updated_at = now()
    from unnest(${sql.param(moves.map((m) => m.leadId))}::uuid[], ${sql.param(moves.map((m) => m.toStage))}::text[],
                ${sql.param(moves.map((m) => m.at.toISOString()))}::timestamptz[],
                ${sql.param(moves.map((m) => (STAGES_THAT_KEEP_A_REASON.has(m.toStage) ? m.reason : null)))}::text[])
      as m(lead_id, stage, at, reason)
    where l.tenant_id = ${tenantId} and l.id = m.lead_id
      and l.id = any(${sql.param(moves.map((m) => m.leadId))}::uuid[])`);
  return inserted;
}

export function toTransitionView(row: TransitionRow): Transition {
  return {
    id: row.id,
    leadId: row.leadId,
    from: row.fromStage as Stage | null,
    to: row.toStage as Stage,
    reason: row.reason,
    note: row.note,
    actor: { kind: row.actorKind, id: row.actorId },
    rule: row.rule,
    why: row.why,
    at: toIso(row.at),
  };
}

export async function transitionLead(ctx: AppContext, auth: AuthContext, id: string, input: TransitionInput) {
  const [policy, outbox] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    ctx.webhooks.outbox(auth.tenantId),
  ]);
  const { transition, lead } = await ctx.db.transaction(async (tx) => {
    const current = await requireLead(tx, auth.tenantId, id, true);
    const check = checkTransition({
      from: current.stage as Stage,
      to: input.to,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.reasonText ? { reasonText: input.reasonText } : {}),
    });
    if (!check.ok) {
      if (check.code === 'illegal_transition')
        throw conflict('illegal_transition', check.message, check.allowed);
      const pointer = check.code === 'reason_text_required' ? '/reasonText' : '/reason';
      const hint =
        check.code === 'reason_required'
          ? `${check.message} (one of ${DISQUALIFICATION_REASONS.join(', ')})`
          : check.message;
      throw invalid([{ location: 'body', pointer, message: hint }], check.message);
    }
    const reason = input.reason
      ? input.reason === 'other' && input.reasonText
        ? `other: ${input.reasonText}`
        : input.reason
      : null;
    const [row] = await recordTransitions(
      tx,
      auth.tenantId,
      [
        {
          leadId: id,
          fromStage: current.stage,
          toStage: input.to,
          reason: input.reason ?? null,
          note: input.note ?? (input.reasonText && input.reason !== 'other' ? input.reasonText : null),
          actorKind: auth.actor.kind,
          actorId: auth.actor.id,
          rule: null,
          why: reason ? `Moved by hand: ${reason}` : 'Moved by hand',
          at: new Date(ctx.now()),
        },
      ],
      outbox,
    );
    if (input.reason === 'other' && input.reasonText) {
      await tx.execute(
        sql`update leads set disqualification_reason = ${reason} where tenant_id = ${auth.tenantId} and id = ${id}`,
      );
    }
    return { transition: row!, lead: await requireLead(tx, auth.tenantId, id) };
  });
  outbox.committed();
  return { transition: toTransitionView(transition), lead: toLeadView(lead, policy, ctx.now()) };
}

export async function leadTransitions(ctx: AppContext, auth: AuthContext, id: string) {
  await requireLead(ctx.db, auth.tenantId, id);
  const list = await listTransitions(ctx.db, auth.tenantId, id);
  return { items: list.map(toTransitionView) };
}
