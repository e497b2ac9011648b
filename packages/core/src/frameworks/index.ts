export { ANUM } from './anum.framework';
export { BANT } from './bant.framework';
export type { BuiltInFrameworkKey } from './built-in-frameworks';
export {
  BUILT_IN_FRAMEWORKS,
  FRAMEWORK_KEYS,
  getBuiltInFramework,
  isBuiltInFrameworkKey,
} from './built-in-frameworks';
export { CHAMP } from './champ.framework';
export * from './concepts';
export { criteriaForConcept } from './criteria-for-concept';
export { evaluateAssessment } from './evaluate-assessment';
export { FAINT } from './faint.framework';
export {
  assessmentSchema,
  CRITERION_KEY_PATTERN,
  criterionAssessmentSchema,
  EVIDENCE_SOURCES,
  FRAMEWORK_KEY_PATTERN,
  frameworkDefinitionSchema,
  MAX_EVIDENCE_CHARS,
  MIN_QUESTIONS_PER_CRITERION,
  validateAssessment,
  validateFramework,
} from './framework-schema';
export * from './framework-types';
export { GPCTBA_CI } from './gpctba-ci.framework';
export { MEDDIC } from './meddic.framework';
export { MEDDPICC } from './meddpicc.framework';
export type { FrameworkIssue } from './pass-rule';
export { checkPassRule, describePassRule } from './pass-rule';
export { findWorkspaceFramework, isCustomFramework, workspaceFrameworks } from './workspace-frameworks';
