import type { Criterion, FrameworkDefinition } from './framework-types';
import { MEDDIC_CRITERIA, MEDDIC_PASS_RULE } from './meddic.framework';

/** MEDDIC's six, reweighted so the eight criteria still sum to 100. */
const MEDDIC_WEIGHTS_IN_MEDDPICC: Record<string, number> = {
  metrics: 12,
  economic_buyer: 16,
  decision_criteria: 10,
  decision_process: 12,
  identify_pain: 16,
  champion: 14,
};

const ADDED_CRITERIA: Criterion[] = [
  {
    key: 'paper_process',
    label: 'Paper process',
    description:
      'The legal, procurement, security and signature steps that turn a decision into a signed contract.',
    level: 'opportunity',
    weight: 8,
    concepts: ['paper_process'],
    questions: [
      'Once you decide, what does the path to a signed contract look like?',
      'Which teams review contracts, security and data protection, and how long do they usually take?',
      'What standard terms or forms does your procurement team ask vendors to accept?',
      'What has held up contract signatures with other vendors in the past?',
    ],
  },
  {
    key: 'competition',
    label: 'Competition',
    description:
      'The alternatives the buyer is weighing, including building it in-house or changing nothing.',
    level: 'opportunity',
    weight: 12,
    concepts: ['competition'],
    questions: [
      'What other options are you looking at, including building something yourselves?',
      'How does your current setup compare with what you hope to get?',
      'What do you like about the alternatives you have seen so far?',
      'What would lead you to keep things as they are?',
    ],
  },
];

/** Criteria listed in the order the letters spell, so the framework reads as reps know it. */
const ACRONYM_ORDER = [
  'metrics',
  'economic_buyer',
  'decision_criteria',
  'decision_process',
  'paper_process',
  'identify_pain',
  'champion',
  'competition',
] as const;

/**
 * MEDDPICC keeps MEDDIC's rule (80% of the weight, with pain, economic buyer and champion required):
 * the two added criteria usually firm up late in the cycle, so they add weight without becoming gates.
 */
export const MEDDPICC: FrameworkDefinition = {
  key: 'meddpicc',
  version: 1,
  name: 'MEDDPICC',
  description:
    'MEDDIC plus the contracting path and the competing alternatives, for enterprise deals where procurement and rivals matter as much as fit.',
  criteria: ACRONYM_ORDER.map((key) => {
    const criterion = [...MEDDIC_CRITERIA, ...ADDED_CRITERIA].find((candidate) => candidate.key === key)!;
    return { ...criterion, weight: MEDDIC_WEIGHTS_IN_MEDDPICC[key] ?? criterion.weight };
  }),
  passRule: MEDDIC_PASS_RULE,
};
