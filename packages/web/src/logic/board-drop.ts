import { allowedTransitions, STAGE_LABELS, STAGES_NEEDING_REASON, type Stage } from '@triage/core';

export type DropDecision =
  | { kind: 'stay' }
  | { kind: 'move'; to: Stage }
  | { kind: 'needs_reason'; to: Stage }
  | { kind: 'refused'; message: string };

/** What a card dropped on a column means: a move, a move that first needs a reason, or a refusal that says why. */
export function decideDrop(from: Stage, to: Stage): DropDecision {
  if (from === to) return { kind: 'stay' };
  const allowed = allowedTransitions(from);
  if (!allowed.includes(to)) {
    const options = allowed.length ? allowed.map((s) => STAGE_LABELS[s]).join(', ') : 'nowhere (final stage)';
    return {
      kind: 'refused',
      message: `${STAGE_LABELS[from]} cannot move to ${STAGE_LABELS[to]}. From here it can go to: ${options}.`,
    };
  }
  return STAGES_NEEDING_REASON.includes(to) ? { kind: 'needs_reason', to } : { kind: 'move', to };
}
