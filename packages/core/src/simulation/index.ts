export {
  type LeadOutcome,
  leadOutcome,
  OUTCOME_STATES,
  type OutcomeState,
  reached,
  SALES_MILESTONES,
  type SalesMilestone,
} from './lead-outcome';
export {
  NOT_QUALIFIED_REASONS,
  type NotQualifiedReason,
  type QualificationReplay,
  type QualifiedStage,
  type ReplayLead,
  replayQualification,
} from './replay-qualification';
export {
  createPolicySimulator,
  type LeadSetOutcomes,
  type LeadSetRates,
  type LeadSetSummary,
  type PolicyReplaySummary,
  type PolicySimulation,
  type PolicySimulator,
  type SimulationExample,
  type SimulationLead,
  type SimulationOptions,
  simulatePolicy,
} from './simulate-policy';
