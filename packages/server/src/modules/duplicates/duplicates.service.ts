import type { DuplicateCandidate, LeadDuplicates, LeadMergeList } from '@triage/contracts';
import {
  DUPLICATE_THRESHOLDS,
  type DuplicateScore,
  type DuplicateSubject,
  type Stage,
  scoreDuplicate,
} from '@triage/core';
import type { AppContext } from '../../context';
import type { Db } from '../../db/create-db';
import { toIso } from '../../db/timestamps';
import type { AuthContext } from '../../plugins/auth';
import type { LeadRow } from '../leads/lead-row';
import { displayName } from '../leads/lead-view';
import { findLead } from '../leads/leads.repository';
import { findCandidates, listMergesInto } from './duplicates.repository';
import { leadGone } from './lead-gone';

export const subjectOf = (row: LeadRow): DuplicateSubject => ({
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  phone: row.phone,
  accountId: row.accountId,
  company: row.company,
});

export interface ScoredCandidate {
  lead: LeadRow;
  result: DuplicateScore;
}

/**
 * Each subject's likely and possible duplicates, best first: candidates from the indexes, then the pure scoring.
 * `sameAccount` adds up to 200 leads of the subject's account (catches typos in names); imports leave it out.
 */
export async function duplicatesOf(
  db: Db,
  tenantId: string,
  subjects: readonly LeadRow[],
  options: { sameAccount: boolean; min: 'likely' | 'possible' },
): Promise<Map<string, { scored: ScoredCandidate[]; considered: number }>> {
  const bySubject = new Map(subjects.map((s) => [s.id, { scored: [] as ScoredCandidate[], considered: 0 }]));
  if (subjects.length === 0) return bySubject;
  const subjectRows = new Map(subjects.map((s) => [s.id, s]));
  const floor = DUPLICATE_THRESHOLDS[options.min];
  for (const candidate of await findCandidates(
    db,
    tenantId,
    subjects.map((s) => s.id),
    options,
  )) {
    const entry = bySubject.get(candidate.subjectId)!;
    entry.considered++;
    const result = scoreDuplicate(subjectOf(subjectRows.get(candidate.subjectId)!), subjectOf(candidate));
    if (result.score >= floor) entry.scored.push({ lead: candidate, result });
  }
  for (const entry of bySubject.values())
    entry.scored.sort((a, b) => b.result.score - a.result.score || a.lead.id.localeCompare(b.lead.id));
  return bySubject;
}

export function toCandidateView({ lead, result }: ScoredCandidate): DuplicateCandidate {
  return {
    lead: {
      id: lead.id,
      email: lead.email,
      name: displayName(lead),
      company: lead.company,
      accountId: lead.accountId,
      stage: lead.stage as Stage,
      createdAt: toIso(lead.createdAt),
    },
    score: result.score,
    verdict: result.verdict,
    reasons: result.lines.map((line) => ({ ...line, points: Math.round(line.points * 10) / 10 })),
  };
}

export async function leadDuplicates(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
  query: { min: 'likely' | 'possible'; limit: number },
): Promise<LeadDuplicates> {
  const lead = await findLead(ctx.db, auth.tenantId, id);
  if (!lead) throw await leadGone(ctx.db, auth.tenantId, id);
  const found = await duplicatesOf(ctx.db, auth.tenantId, [lead], { sameAccount: true, min: query.min });
  const { scored, considered } = found.get(id)!;
  return {
    leadId: id,
    items: scored.slice(0, query.limit).map(toCandidateView),
    thresholds: { ...DUPLICATE_THRESHOLDS },
    candidatesScored: considered,
  };
}

export async function leadMerges(ctx: AppContext, auth: AuthContext, id: string): Promise<LeadMergeList> {
  const lead = await findLead(ctx.db, auth.tenantId, id);
  if (!lead) throw await leadGone(ctx.db, auth.tenantId, id);
  const records = await listMergesInto(ctx.db, auth.tenantId, id);
  return {
    items: records.map((r) => ({
      mergedLeadId: r.mergedLeadId,
      mergedEmail: r.email,
      survivorId: r.survivorId,
      changes: r.changes as LeadMergeList['items'][number]['changes'],
      moved: r.moved as LeadMergeList['items'][number]['moved'],
      actor: { kind: r.actorKind, id: r.actorId },
      mergedAt: toIso(r.mergedAt),
    })),
  };
}
