import type { MergeInput, MergeResult } from '@triage/contracts';
import {
  computeFit,
  engagementAt,
  evaluateAssessment,
  findWorkspaceFramework,
  type MergeableLead,
  mergeCriteria,
  mergeLeadFields,
  orderingKey,
  passRuleOverride,
  recomputeEngagement,
  type Stage,
} from '@triage/core';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { toIso } from '../../db/timestamps';
import { conflict, HttpError, invalid, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { findAccount } from '../accounts/accounts.repository';
import { saveAssessment } from '../assessments/assessments.repository';
import { toAssessment } from '../assessments/assessments.service';
import type { LeadRow } from '../leads/lead-row';
import { toLeadView } from '../leads/lead-view';
import { type LeadFieldUpdate, updateLeadFields } from '../leads/leads.repository';
import { requireLead } from '../leads/require-lead';
import type { ActivePolicy } from '../policy/policy.service';
import { fitSubjectOf, titleAttributes } from '../scoring/fit-subject';
import { writeEngagement } from '../scoring/lead-scores.repository';
import { decideStageAfterScoring } from '../transitions/stage-automation';
import { recordTransitions } from '../transitions/transitions.service';
import type { OutboxEvent } from '../webhooks/webhook-payloads';
import {
  deleteLead,
  findAssessments,
  findTombstone,
  insertTombstone,
  ledgerOf,
  lockPair,
  moveAssessment,
  moveLeadRows,
  type StoredAssessment,
  updateMergedFacts,
} from './duplicates.repository';
import { leadGone } from './lead-gone';

const mergeableOf = (row: LeadRow): MergeableLead => ({
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  title: row.title,
  phone: row.phone,
  country: row.country,
  source: row.source,
  ownerId: row.ownerId,
  accountId: row.accountId,
  stage: row.stage as Stage,
  custom: row.custom ?? {},
});

/**
 * Folds the duplicate into the survivor, in one transaction: its events (same ids), stage history and notes move
 * to the survivor, assessments are merged per framework, the fields follow `mergeLeadFields`, the engagement is
 * replayed from the combined ledger, the fit is recomputed, the stage rules run, and the duplicate leaves a
 * tombstone that answers for its id and its email. Any failure rolls all of it back.
 */
export async function mergeLeads(
  ctx: AppContext,
  auth: AuthContext,
  survivorId: string,
  input: MergeInput,
): Promise<MergeResult> {
  if (input.duplicateId === survivorId)
    throw invalid([
      { location: 'body', pointer: '/duplicateId', message: 'a lead cannot be merged into itself' },
    ]);
  const [policy, outbox] = await Promise.all([
    ctx.policies.get(auth.tenantId),
    ctx.webhooks.outbox(auth.tenantId),
  ]);
  const now = ctx.now();
  const at = new Date(now);
  const result = await ctx.db.transaction(async (tx) => {
    const { leads, scores } = await lockPair(tx, auth.tenantId, [survivorId, input.duplicateId]);
    const survivor = leads.get(survivorId);
    if (!survivor) throw await leadGone(tx, auth.tenantId, survivorId);
    const duplicate = leads.get(input.duplicateId);
    if (!duplicate) throw await duplicateGone(tx, auth.tenantId, input.duplicateId);
    guardCustomers(survivor, duplicate, input.force === true);

    const { merged, changes } = mergeLeadFields(
      mergeableOf(survivor),
      mergeableOf(duplicate),
      input.fields ?? {},
    );
    const [survivorAssessments, duplicateAssessments] = await Promise.all([
      findAssessments(tx, auth.tenantId, survivorId),
      findAssessments(tx, auth.tenantId, duplicate.id),
    ]);
    const moved = await moveLeadRows(tx, auth.tenantId, duplicate.id, survivorId);
    const assessments = await mergeAssessments(
      tx,
      auth,
      policy,
      { survivorId, duplicateId: duplicate.id },
      survivorAssessments,
      duplicateAssessments,
    );
    // The duplicate's row goes before the survivor's email changes: the address is unique per workspace.
    await deleteLead(tx, auth.tenantId, duplicate.id);
    await updateMergedFacts(tx, auth.tenantId, survivorId, duplicate, merged.email);

    const engagement = policy.policy.engagement;
    const ledger = await ledgerOf(tx, auth.tenantId, survivorId);
    const replayed = recomputeEngagement(ledger, engagement).state;
    const latest = ledger.reduce((max, e) => Math.max(max, e.occurredAt), Number.NEGATIVE_INFINITY);
    // Written by the address the lock returned, so before anything else rewrites the score row.
    await writeEngagement(tx, auth.tenantId, [
      {
        id: survivorId,
        row: scores.get(survivorId)!.row,
        value: replayed.value,
        asOf: replayed.asOf,
        hotKey: orderingKey(replayed, engagement),
        lastActivityAt: Number.isFinite(latest) ? latest : null,
      },
    ]);

    const account = merged.accountId ? await findAccount(tx, auth.tenantId, merged.accountId) : undefined;
    const facts = { ...survivor, ...merged, ...titleAttributes(merged.title) };
    const fit = computeFit(fitSubjectOf(facts, account), policy.policy.icp.rules);
    const update: LeadFieldUpdate = {
      firstName: merged.firstName,
      lastName: merged.lastName,
      title: merged.title,
      ...titleAttributes(merged.title),
      phone: merged.phone,
      country: merged.country,
      source: merged.source,
      ownerId: merged.ownerId,
      accountId: merged.accountId,
      custom: merged.custom,
      fit: { score: fit.score, knockedOut: fit.knockedOut, policyVersion: policy.version },
    };
    await updateLeadFields(tx, auth.tenantId, survivorId, update);

    if (merged.stage !== survivor.stage) {
      const stageChange = changes.find((c) => c.field === 'stage');
      const keepsReason = merged.stage === 'disqualified' || merged.stage === 'closed_lost';
      await recordTransitions(
        tx,
        auth.tenantId,
        [
          {
            leadId: survivorId,
            fromStage: survivor.stage,
            toStage: merged.stage,
            reason: keepsReason ? duplicate.disqualificationReason : null,
            note: null,
            actorKind: auth.actor.kind,
            actorId: auth.actor.id,
            rule: null,
            why: `Merged with ${duplicate.email}: ${stageChange?.why ?? 'stage chosen'}`,
            at,
          },
        ],
        outbox,
      );
    }
    const scored = await requireLead(tx, auth.tenantId, survivorId);
    const automatic = decideStageAfterScoring(scored, fit, undefined, undefined, policy, at);
    if (automatic) await recordTransitions(tx, auth.tenantId, [automatic], outbox);

    const movedAll = { ...moved, assessments: assessments.moved };
    await insertTombstone(tx, auth.tenantId, {
      mergedLeadId: duplicate.id,
      survivorId,
      // The address that no longer has a lead row: the duplicate's, or the survivor's old one if it was swapped.
      email: merged.email === survivor.email ? duplicate.email : survivor.email,
      snapshot: { lead: duplicate, assessments: duplicateAssessments },
      changes,
      moved: movedAll,
      actorKind: auth.actor.kind,
      actorId: auth.actor.id,
      mergedAt: at,
    });
    const event: OutboxEvent<'lead.merged'> = {
      type: 'lead.merged',
      data: {
        leadId: survivorId,
        mergedLeadId: duplicate.id,
        mergedEmail: duplicate.email,
        changes,
        moved: movedAll,
        actor: { kind: auth.actor.kind, id: auth.actor.id },
        at: at.toISOString(),
      },
    };
    await outbox.add(tx, [event], at);
    return {
      lead: await requireLead(tx, auth.tenantId, survivorId),
      before: engagementAt(
        { value: survivor.engagementValue, asOf: survivor.engagementAsOf },
        now,
        engagement,
      ),
      after: engagementAt(replayed, now, engagement),
      duplicate,
      changes,
      moved: movedAll,
      assessments: assessments.merged,
    };
  });
  outbox.committed();
  ctx.predictions.schedule(auth.tenantId, [survivorId]);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    lead: toLeadView(result.lead, policy, now),
    merged: { id: result.duplicate.id, email: result.duplicate.email },
    changes: result.changes,
    moved: result.moved,
    assessments: result.assessments,
    engagement: { before: round(result.before), after: round(result.after) },
    mergedAt: toIso(at),
  };
}

/** The duplicate named in the body: gone by an earlier (or concurrent) merge is a conflict, never seen a 404. */
async function duplicateGone(db: Db, tenantId: string, id: string): Promise<HttpError> {
  const tombstone = await findTombstone(db, tenantId, id);
  if (!tombstone) return notFound('Lead');
  return new HttpError(
    409,
    'already_merged',
    `Lead ${id} was already merged into lead ${tombstone.mergedInto}`,
    [{ location: 'body', pointer: '/duplicateId', message: 'this lead was already merged' }],
    undefined,
    { mergedInto: tombstone.mergedInto },
  );
}

/** Two customers of different accounts are two customer relationships: merging them needs `force`. */
function guardCustomers(survivor: LeadRow, duplicate: LeadRow, force: boolean): void {
  if (force || survivor.stage !== 'customer' || duplicate.stage !== 'customer') return;
  if (survivor.accountId === duplicate.accountId || !survivor.accountId || !duplicate.accountId) return;
  throw conflict(
    'customers_of_different_accounts',
    `Both leads are customers of different accounts (${survivor.company ?? survivor.accountId} and ${
      duplicate.company ?? duplicate.accountId
    }); send "force": true to merge them anyway`,
  );
}

/**
 * Per framework: the duplicate's assessment moves over when the survivor has none; when both have one, the
 * survivor's criteria stay and the duplicate's fill the unknown ones, and the result is evaluated again.
 */
async function mergeAssessments(
  db: Db,
  auth: AuthContext,
  policy: ActivePolicy,
  ids: { survivorId: string; duplicateId: string },
  ours: StoredAssessment[],
  theirs: StoredAssessment[],
): Promise<{ moved: number; merged: { framework: string; takenFromDuplicate: string[] }[] }> {
  const byFramework = new Map(ours.map((a) => [a.framework, a]));
  let moved = 0;
  const merged: { framework: string; takenFromDuplicate: string[] }[] = [];
  for (const duplicate of theirs) {
    const survivor = byFramework.get(duplicate.framework);
    if (!survivor) {
      await moveAssessment(db, auth.tenantId, ids.duplicateId, ids.survivorId, duplicate.framework);
      moved++;
      continue;
    }
    const { criteria, taken } = mergeCriteria(survivor.criteria, duplicate.criteria);
    merged.push({ framework: duplicate.framework, takenFromDuplicate: taken });
    if (taken.length === 0) continue;
    const framework = findWorkspaceFramework(policy.policy, duplicate.framework);
    const result = framework
      ? evaluateAssessment(
          framework,
          toAssessment(criteria),
          passRuleOverride(policy.policy, duplicate.framework),
        ).result
      : survivor.result;
    await saveMergedAssessment(db, auth, ids.survivorId, survivor, criteria, result);
  }
  return { moved, merged };
}

async function saveMergedAssessment(
  db: Db,
  auth: AuthContext,
  leadId: string,
  survivor: StoredAssessment,
  criteria: StoredAssessment['criteria'],
  result: string,
) {
  await saveAssessment(db, auth.tenantId, leadId, {
    framework: survivor.framework,
    frameworkVersion: survivor.frameworkVersion,
    criteria,
    result,
    updatedBy: `${auth.actor.kind}:${auth.actor.id}`,
  });
}
