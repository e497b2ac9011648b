import type { Concept } from './concepts';
import type { Criterion, FrameworkDefinition } from './framework-types';

/**
 * The criteria of a framework that a piece of evidence about `concept` speaks to, heaviest first.
 * This is how a budget amount found in a call note lands on BANT's Budget, CHAMP's Money or FAINT's Funds.
 */
export function criteriaForConcept(framework: FrameworkDefinition, concept: Concept): Criterion[] {
  return framework.criteria
    .filter((criterion) => criterion.concepts.includes(concept))
    .sort((a, b) => b.weight - a.weight);
}
