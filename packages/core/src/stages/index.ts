export {
  AUTOMATIC_RULES,
  type AutomaticRule,
  type AutomaticTransition,
  type AutomaticTransitionContext,
  decideAutomaticTransition,
} from './automatic-transition';
export {
  allowedTransitions,
  checkTransition,
  STAGES_NEEDING_REASON,
  type TransitionCheck,
  type TransitionRequest,
} from './check-transition';
export {
  CLOSED_STAGES,
  DISQUALIFICATION_REASON_LABELS,
  DISQUALIFICATION_REASONS,
  type DisqualificationReason,
  OPEN_STAGES,
  QUALIFIED_ENTRY_STAGES,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from './stages';
export { TRANSITIONS } from './transition-table';
