/**
 * Shared qualification concepts. Every framework criterion names the concepts it is about, so evidence
 * extracted once from a call note (a budget amount, a decision maker, a deadline) lands in whichever
 * framework the workspace uses.
 */
export const CONCEPTS = [
  'budget',
  'authority',
  'economic_buyer',
  'champion',
  'need',
  'pain',
  'timeline',
  'metrics',
  'decision_criteria',
  'decision_process',
  'paper_process',
  'competition',
  'goals',
  'plans',
  'negative_consequences',
  'positive_implications',
  'interest',
] as const;
export type Concept = (typeof CONCEPTS)[number];
