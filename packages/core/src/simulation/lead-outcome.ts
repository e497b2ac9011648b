import { QUALIFIED_ENTRY_STAGES, type Stage } from '../stages/stages';

/** The sales stages a lead can reach after qualification, in order: each one implies the ones before it. */
export const SALES_MILESTONES = ['sal', 'sql', 'opportunity', 'customer'] as const satisfies readonly Stage[];
export type SalesMilestone = (typeof SALES_MILESTONES)[number];

/** Where a lead stands today, one of these and only one; closed-lost counts as disqualified (let go). */
export const OUTCOME_STATES = ['customer', 'disqualified', 'nurture', 'open'] as const;
export type OutcomeState = (typeof OUTCOME_STATES)[number];

/** What really became of a lead, read from its recorded stage history (manual moves included). */
export interface LeadOutcome {
  /** The stage it is in now. */
  stage: Stage;
  /** The furthest sales stage it ever reached; null if it never got to SAL. */
  furthest: SalesMilestone | null;
  state: OutcomeState;
  /** It entered MQL, PQL or CQL at some point of the recorded history, by rule or by hand. */
  recordedQualified: boolean;
}

const LOST: readonly Stage[] = ['disqualified', 'closed_lost'];

/**
 * Reads a lead's outcome from the stages its recorded transitions entered and the stage it is in now. A lead
 * an SDR moved from lead straight to SQL through SAL counts as having reached SAL too: milestones are cumulative.
 */
export const leadOutcome = (currentStage: Stage, enteredStages: readonly Stage[]): LeadOutcome => {
  let rank = -1;
  let recordedQualified = false;
  for (const stage of [...enteredStages, currentStage]) {
    rank = Math.max(rank, (SALES_MILESTONES as readonly Stage[]).indexOf(stage));
    if ((QUALIFIED_ENTRY_STAGES as readonly Stage[]).includes(stage)) recordedQualified = true;
  }
  const state: OutcomeState =
    currentStage === 'customer'
      ? 'customer'
      : LOST.includes(currentStage)
        ? 'disqualified'
        : currentStage === 'nurture'
          ? 'nurture'
          : 'open';
  return { stage: currentStage, furthest: SALES_MILESTONES[rank] ?? null, state, recordedQualified };
};

/** Whether the outcome reached `milestone` or a later one. */
export const reached = (outcome: LeadOutcome, milestone: SalesMilestone): boolean =>
  outcome.furthest !== null &&
  SALES_MILESTONES.indexOf(outcome.furthest) >= SALES_MILESTONES.indexOf(milestone);
