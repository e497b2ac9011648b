import { type DisqualificationReason, STAGE_LABELS, type Stage } from './stages';
import { TRANSITIONS } from './transition-table';

/** Moving here closes a door, so the move needs a reason the funnel reports can count. */
export const STAGES_NEEDING_REASON: readonly Stage[] = ['disqualified', 'closed_lost'];

export const allowedTransitions = (from: Stage): Stage[] => [...TRANSITIONS[from]];

export interface TransitionRequest {
  from: Stage;
  to: Stage;
  reason?: DisqualificationReason | undefined;
  reasonText?: string | undefined;
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'illegal_transition'; message: string; allowed: Stage[] }
  | { ok: false; code: 'reason_required' | 'reason_text_required' | 'reason_not_allowed'; message: string };

/** Whether a stage change is allowed, and if not, what would be. */
export const checkTransition = ({ from, to, reason, reasonText }: TransitionRequest): TransitionCheck => {
  const allowed = allowedTransitions(from);
  if (from === to) {
    return {
      ok: false,
      code: 'illegal_transition',
      message: `The lead is already in ${STAGE_LABELS[to]}`,
      allowed,
    };
  }
  if (!allowed.includes(to)) {
    const options =
      allowed.length > 0 ? allowed.map((s) => STAGE_LABELS[s]).join(', ') : 'nothing (final stage)';
    return {
      ok: false,
      code: 'illegal_transition',
      message: `Cannot move from ${STAGE_LABELS[from]} to ${STAGE_LABELS[to]}; allowed: ${options}`,
      allowed,
    };
  }
  if (!STAGES_NEEDING_REASON.includes(to) && reason !== undefined) {
    // A reason is what the funnel counts as lost; on any other move it would be counted against no loss.
    const closing = STAGES_NEEDING_REASON.map((s) => STAGE_LABELS[s]).join(' or ');
    return {
      ok: false,
      code: 'reason_not_allowed',
      message: `A disqualification reason goes only with ${closing}, not ${STAGE_LABELS[to]}; use the note for other words`,
    };
  }
  if (STAGES_NEEDING_REASON.includes(to)) {
    if (reason === undefined) {
      return { ok: false, code: 'reason_required', message: `Moving to ${STAGE_LABELS[to]} needs a reason` };
    }
    if (reason === 'other' && (reasonText === undefined || reasonText.trim() === '')) {
      return { ok: false, code: 'reason_text_required', message: 'Reason "other" needs a short explanation' };
    }
  }
  return { ok: true };
};
