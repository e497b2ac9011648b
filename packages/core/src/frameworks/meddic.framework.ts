import type { Criterion, FrameworkDefinition, PassRule } from './framework-types';

/**
 * The six MEDDIC criteria, shared with MEDDPICC (which reweights them and adds two).
 * Weights sum to 100 so each reads as a share of the framework.
 */
export const MEDDIC_CRITERIA: readonly Criterion[] = [
  {
    key: 'metrics',
    label: 'Metrics',
    description:
      "The measurable results the buyer expects, with today's baseline, so the value can be proven later.",
    level: 'opportunity',
    weight: 15,
    concepts: ['metrics'],
    questions: [
      'Which numbers would tell you this project worked?',
      'What are those numbers today, and where do you need them to be?',
      'How will you report the outcome to your leadership, and when?',
      'What size of improvement would make the effort of switching worthwhile?',
    ],
  },
  {
    key: 'economic_buyer',
    label: 'Economic buyer',
    description: 'The person who controls the money and can approve the spend, and our access to them.',
    level: 'stakeholder',
    weight: 20,
    concepts: ['economic_buyer', 'authority'],
    questions: [
      'Who signs off on spending of this size, and how involved have they been so far?',
      'What does that person care about most this year?',
      'How have they reacted to proposals like this in the past?',
      'What would it take for us to meet them before a proposal is written?',
    ],
  },
  {
    key: 'decision_criteria',
    label: 'Decision criteria',
    description: 'The formal and informal criteria the buyer will use to compare the options.',
    level: 'opportunity',
    weight: 15,
    concepts: ['decision_criteria'],
    questions: [
      'What will you compare the options on when you choose?',
      'Which requirements are must-haves, and which would just be nice to have?',
      'Who wrote those requirements, and what shaped them?',
      'How will you weigh price against capabilities and support?',
    ],
  },
  {
    key: 'decision_process',
    label: 'Decision process',
    description: 'The steps, people and dates between now and a decision.',
    level: 'opportunity',
    weight: 15,
    concepts: ['decision_process', 'timeline'],
    questions: [
      'What are the steps from here to a decision, and who is involved in each one?',
      'How long did your last comparable purchase take, and what slowed it down?',
      'Which approvals are needed, and in what order?',
      'When do you expect to make the final choice, and what happens right after it?',
    ],
  },
  {
    key: 'identify_pain',
    label: 'Identify pain',
    description: 'The business pain behind the project, what it costs, and who feels it.',
    level: 'organization',
    weight: 20,
    concepts: ['pain', 'need'],
    questions: [
      'What business problem is driving this project?',
      'What is this problem costing you, in money, time or risk?',
      'Who in the company is hurt most by it, and how?',
      'What happens to the business if this is still unsolved a year from now?',
    ],
  },
  {
    key: 'champion',
    label: 'Champion',
    description:
      'Someone inside the buying organization who has influence, wants our solution to win, and argues for it when we are not in the room.',
    level: 'stakeholder',
    weight: 15,
    concepts: ['champion'],
    questions: [
      'Who on your side would gain the most if this project succeeds?',
      'How would you present this project to your colleagues if we were not there?',
      'What have you managed to push through internally before, and how did you do it?',
      'What support would help you make the case inside your company?',
    ],
  },
];

/**
 * Why a weighted threshold and not "all six": in enterprise cycles the buyer's formal criteria and
 * process are often still being written when the deal is already real, and partial evidence there is
 * normal. Requiring all six would park good deals as undecided for weeks. So partial evidence counts
 * half, 80% of the weight must be covered, and the three criteria without which a MEDDIC deal is not
 * real are required: a pain, access to the economic buyer, and a champion.
 */
export const MEDDIC_PASS_RULE: PassRule = {
  kind: 'weighted',
  threshold: 0.8,
  required: ['identify_pain', 'economic_buyer', 'champion'],
};

export const MEDDIC: FrameworkDefinition = {
  key: 'meddic',
  version: 1,
  name: 'MEDDIC',
  description:
    'For complex, high-value deals: measurable outcomes, who controls the money, how and on what grounds they decide, the pain behind it, and an inside advocate.',
  criteria: [...MEDDIC_CRITERIA],
  passRule: MEDDIC_PASS_RULE,
};
