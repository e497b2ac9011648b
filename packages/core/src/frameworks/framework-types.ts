import type { Concept } from './concepts';

/** Levels are checked in this order; a lead fails at the first level that fails. */
export const LEVELS = ['organization', 'opportunity', 'stakeholder'] as const;
export type Level = (typeof LEVELS)[number];

export const CRITERION_STATUSES = ['unknown', 'met', 'partial', 'not_met'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export type EvidenceSource = 'rep' | 'extracted';

export interface Criterion {
  key: string;
  label: string;
  description: string;
  level: Level;
  /** Relative importance, > 0. Used by the weighted pass rule and for ordering next questions. */
  weight: number;
  /** Open-ended discovery questions, at least three, in our own words. */
  questions: string[];
  /** The shared concepts this criterion is about (used to map extracted evidence onto it). */
  concepts: Concept[];
}

export type PassRule =
  | { kind: 'all'; required?: string[] }
  | { kind: 'k_of_n'; k: number; required?: string[] }
  /** threshold is a share of the total weight in (0, 1]; met counts fully, partial counts half. */
  | { kind: 'weighted'; threshold: number; required?: string[] };

export interface FrameworkDefinition {
  key: string;
  version: number;
  name: string;
  description: string;
  criteria: Criterion[];
  passRule: PassRule;
}

export interface CriterionAssessment {
  status: CriterionStatus;
  evidence?: string;
  source: EvidenceSource;
  /** 0–1; a rep's own answer is 1 unless they say otherwise. */
  confidence?: number;
}

export type Assessment = Record<string, CriterionAssessment>;

export type EvaluationResult = 'pass' | 'fail' | 'undecided';

export interface NextQuestions {
  criterion: string;
  label: string;
  level: Level;
  questions: string[];
}

export interface FrameworkEvaluation {
  framework: string;
  version: number;
  result: EvaluationResult;
  /** The first level (organization → opportunity → stakeholder) that fails, or null. */
  failingLevel: Level | null;
  /** Criteria not yet met (unknown, partial or not met), in level order. */
  missing: string[];
  /** Questions for the criteria still unknown or partial, most important first. */
  nextQuestions: NextQuestions[];
  /** 0–100 share of the framework's weight that is met (partial counts half). */
  completeness: number;
  /** One sentence a rep can read: why this verdict. */
  explanation: string[];
  /**
   * Assessment keys this framework version does not define (typically a criterion renamed or removed
   * since the assessment was recorded). They are reported here and ignored by the verdict.
   */
  unrecognizedCriteria?: string[];
  /** The pass rule actually applied: the framework's own, or the override the caller passed. */
  appliedRule?: PassRule;
}
