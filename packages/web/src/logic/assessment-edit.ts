import type { AssessmentInput, AssessmentView } from '@triage/contracts';
import type { CriterionStatus, Level } from '@triage/core';

export const LEVEL_ORDER: Level[] = ['organization', 'opportunity', 'stakeholder'];
export const LEVEL_LABELS: Record<Level, string> = {
  organization: 'Organization',
  opportunity: 'Opportunity',
  stakeholder: 'Stakeholder',
};

type CriterionView = AssessmentView['criteria'][number];

/** Criteria grouped in the order levels are checked, organization first. */
export function groupByLevel(criteria: CriterionView[]): { level: Level; criteria: CriterionView[] }[] {
  return LEVEL_ORDER.map((level) => ({ level, criteria: criteria.filter((c) => c.level === level) })).filter(
    (g) => g.criteria.length > 0,
  );
}

/**
 * The PUT body after one criterion changed. The API replaces the whole assessment, so every criterion that
 * holds something is sent again, each keeping its source (a rep's change makes it the rep's).
 */
export function assessmentWithChange(
  view: AssessmentView,
  key: string,
  change: { status?: CriterionStatus; evidence?: string },
): AssessmentInput {
  const criteria: AssessmentInput['criteria'] = {};
  for (const c of view.criteria) {
    const changed = c.key === key;
    const status = changed && change.status ? change.status : c.status;
    const evidence = (changed && change.evidence !== undefined ? change.evidence : (c.evidence ?? '')).trim();
    if (status === 'unknown' && evidence === '') continue;
    criteria[c.key] = {
      status,
      source: changed ? 'rep' : (c.source ?? 'rep'),
      ...(evidence ? { evidence } : {}),
      ...(!changed && c.confidence !== null ? { confidence: c.confidence } : {}),
    };
  }
  return { criteria };
}
