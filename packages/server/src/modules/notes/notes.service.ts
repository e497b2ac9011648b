import type { ConversationAnalysisView, Note, NoteInput } from '@triage/contracts';
import {
  analyzeConversation,
  type ConversationAnalysis,
  evidenceToAssessment,
  type FrameworkDefinition,
  findWorkspaceFramework,
} from '@triage/core';
import type { AppContext } from '../../context';
import { toIso } from '../../db/timestamps';
import { invalid, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import type { StoredCriterion } from '../assessments/assessments.repository';
import { requireFramework, storeAssessment } from '../assessments/assessments.service';
import { requireLead } from '../leads/require-lead';
import { knownFrameworkKeys, unknownFrameworkIssue } from '../policy/policy-frameworks';
import { findNote, insertNote, listNotes, type NoteRow } from './notes.repository';

const toNoteView = (row: NoteRow): Note => ({
  id: row.id,
  leadId: row.leadId,
  text: row.text,
  referenceDate: row.referenceDate,
  framework: row.framework,
  createdAt: toIso(row.createdAt),
  createdBy: row.createdBy,
  analysis: row.analysis as ConversationAnalysisView,
});

/**
 * Extracted evidence fills criteria that are unknown or were themselves extracted; anything a rep set by hand
 * stays as the rep left it. `accepted` limits it to the criteria the rep accepted.
 */
function mergeExtracted(
  stored: Record<string, StoredCriterion>,
  analysis: ConversationAnalysis,
  framework: FrameworkDefinition,
  accepted: string[] | undefined,
  now: string,
) {
  const extracted = evidenceToAssessment(analysis, framework);
  const merged = { ...stored };
  const applied: string[] = [];
  const keptFromRep: string[] = [];
  for (const [key, criterion] of Object.entries(extracted)) {
    if (accepted && !accepted.includes(key)) continue;
    const current = stored[key];
    if (current && current.source === 'rep' && current.status !== 'unknown') {
      keptFromRep.push(key);
      continue;
    }
    merged[key] = {
      status: criterion.status,
      source: 'extracted',
      ...(criterion.evidence ? { evidence: criterion.evidence.slice(0, 2000) } : {}),
      ...(criterion.confidence !== undefined ? { confidence: criterion.confidence } : {}),
      updatedAt: now,
    };
    applied.push(key);
  }
  return { merged, applied, keptFromRep };
}

async function applyAnalysis(
  ctx: AppContext,
  auth: AuthContext,
  leadId: string,
  framework: FrameworkDefinition,
  analysis: ConversationAnalysis,
  accepted: string[] | undefined,
) {
  let outcome = { applied: [] as string[], keptFromRep: [] as string[] };
  const now = new Date(ctx.now()).toISOString();
  const assessment = await storeAssessment(ctx, auth, leadId, framework, (stored) => {
    const { merged, ...rest } = mergeExtracted(stored, analysis, framework, accepted, now);
    outcome = rest;
    return merged;
  });
  return { applied: { criteria: outcome.applied, keptFromRep: outcome.keptFromRep }, assessment };
}

export async function createNote(ctx: AppContext, auth: AuthContext, leadId: string, input: NoteInput) {
  const policy = await ctx.policies.get(auth.tenantId);
  await requireLead(ctx.db, auth.tenantId, leadId);
  // The policy's default always names a framework it has (policy updates check it): only a named one can be wrong.
  const key = input.framework ?? policy.policy.frameworks.default;
  const framework = findWorkspaceFramework(policy.policy, key);
  if (!framework)
    throw invalid([unknownFrameworkIssue('/framework', key, knownFrameworkKeys(policy.policy))]);
  const referenceDate = input.referenceDate ?? new Date(ctx.now()).toISOString().slice(0, 10);
  const analysis = analyzeConversation({
    text: input.text,
    referenceDate,
    framework,
    ...(input.speakerMap ? { speakerMap: input.speakerMap } : {}),
  });
  const note = await insertNote(ctx.db, auth.tenantId, {
    leadId,
    text: input.text,
    referenceDate,
    framework: framework.key,
    analysis,
    createdBy: `${auth.actor.kind}:${auth.actor.id}`,
    createdAt: new Date(ctx.now()),
  });
  if (!input.apply) return { note: toNoteView(note), applied: null, assessment: null };
  return {
    note: toNoteView(note),
    ...(await applyAnalysis(ctx, auth, leadId, framework, analysis, undefined)),
  };
}

export async function applyNote(
  ctx: AppContext,
  auth: AuthContext,
  leadId: string,
  noteId: string,
  accepted: string[] | undefined,
) {
  const note = await findNote(ctx.db, auth.tenantId, leadId, noteId);
  if (!note) throw notFound('Note');
  const framework = requireFramework((await ctx.policies.get(auth.tenantId)).policy, note.framework);
  return {
    note: toNoteView(note),
    ...(await applyAnalysis(ctx, auth, leadId, framework, note.analysis as ConversationAnalysis, accepted)),
  };
}

export async function leadNotes(ctx: AppContext, auth: AuthContext, leadId: string) {
  await requireLead(ctx.db, auth.tenantId, leadId);
  return { items: (await listNotes(ctx.db, auth.tenantId, leadId)).map(toNoteView) };
}
