import { allowedTransitions, STAGE_LABELS, STAGES_NEEDING_REASON, type Stage } from '@triage/core';

export interface StageAction {
  to: Stage;
  label: string;
  needsReason: boolean;
  tone: 'forward' | 'neutral' | 'negative';
}

/** Verbs a rep uses, per target stage; any stage not named here falls back to "Move to <stage>". */
const VERBS: Partial<Record<Stage, { label: string; tone: StageAction['tone'] }>> = {
  sal: { label: 'Accept (SAL)', tone: 'forward' },
  sql: { label: 'Qualify (SQL)', tone: 'forward' },
  opportunity: { label: 'Convert to opportunity', tone: 'forward' },
  customer: { label: 'Mark as won', tone: 'forward' },
  disqualified: { label: 'Disqualify…', tone: 'negative' },
  closed_lost: { label: 'Close as lost…', tone: 'negative' },
  nurture: { label: 'Nurture', tone: 'neutral' },
  lead: { label: 'Back to lead', tone: 'neutral' },
  mql: { label: 'Mark MQL', tone: 'neutral' },
  pql: { label: 'Mark PQL', tone: 'neutral' },
  cql: { label: 'Mark CQL', tone: 'neutral' },
};

const TONE_ORDER: Record<StageAction['tone'], number> = { forward: 0, neutral: 1, negative: 2 };

/** Only the moves the transition table allows from this stage, forward moves first. */
export function stageActions(stage: Stage): StageAction[] {
  return allowedTransitions(stage)
    .map((to) => ({
      to,
      label: VERBS[to]?.label ?? `Move to ${STAGE_LABELS[to]}`,
      tone: VERBS[to]?.tone ?? 'neutral',
      needsReason: STAGES_NEEDING_REASON.includes(to),
    }))
    .sort((a, b) => TONE_ORDER[a.tone] - TONE_ORDER[b.tone]);
}
