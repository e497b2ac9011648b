import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';

export interface NewTransition {
  leadId: string;
  fromStage: string | null;
  toStage: string;
  reason: string | null;
  note: string | null;
  actorKind: string;
  actorId: string | null;
  rule: string | null;
  why: string | null;
  at: Date;
}

/** The first entry of a lead's history: it was created in `stage` by `actor`. */
export function creationTransition(
  leadId: string,
  stage: string,
  actor: { kind: string; id: string | null },
  at: Date,
): NewTransition {
  return {
    leadId,
    fromStage: null,
    toStage: stage,
    reason: null,
    note: null,
    actorKind: actor.kind,
    actorId: actor.id,
    rule: null,
    why: 'Lead created',
    at,
  };
}

export interface TransitionRow extends NewTransition {
  id: string;
}

/** One statement for any number of transitions (ingestion can move hundreds of leads in one batch). */
export async function insertTransitions(
  db: Db,
  tenantId: string,
  list: NewTransition[],
): Promise<TransitionRow[]> {
  if (list.length === 0) return [];
  const col = <K extends keyof NewTransition>(key: K) => sql.param(list.map((t) => t[key]));
  return rows<TransitionRow>(
    db,
    sql`insert into stage_transitions (tenant_id, lead_id, from_stage, to_stage, reason, note, actor_kind, actor_id, rule, why, at)
        select ${tenantId}::uuid, t.* from unnest(
          ${col('leadId')}::uuid[], ${col('fromStage')}::text[], ${col('toStage')}::text[], ${col('reason')}::text[],
          ${col('note')}::text[], ${col('actorKind')}::text[], ${col('actorId')}::text[], ${col('rule')}::text[],
          ${col('why')}::text[], ${sql.param(list.map((t) => t.at.toISOString()))}::timestamptz[]
        ) as t
        returning id, lead_id as "leadId", from_stage as "fromStage", to_stage as "toStage", reason, note,
          actor_kind as "actorKind", actor_id as "actorId", rule, why, at`,
  );
}

export async function listTransitions(db: Db, tenantId: string, leadId: string): Promise<TransitionRow[]> {
  return rows<TransitionRow>(
    db,
    sql`select id, lead_id as "leadId", from_stage as "fromStage", to_stage as "toStage", reason, note,
          actor_kind as "actorKind", actor_id as "actorId", rule, why, at
        from stage_transitions where tenant_id = ${tenantId} and lead_id = ${leadId}
        order by at, seq`,
  );
}
