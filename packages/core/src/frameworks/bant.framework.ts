import type { FrameworkDefinition } from './framework-types';

/**
 * BANT: the four-part screen SDRs run on a first call. The usual rule of thumb advances a lead that
 * clears three of the four, so one gap (most often a budget that is not set yet) does not stop a deal
 * that is otherwise real. Need carries the most weight: without a problem there is nothing to sell.
 */
export const BANT: FrameworkDefinition = {
  key: 'bant',
  version: 1,
  name: 'BANT',
  description:
    'The classic first-call screen: can they pay, who decides, what problem they need solved, and by when.',
  criteria: [
    {
      key: 'budget',
      label: 'Budget',
      description:
        'The organization can pay for a solution of this size, from money already set aside or from spend it can justify by the return.',
      level: 'organization',
      weight: 25,
      concepts: ['budget'],
      questions: [
        'How does your company usually fund a purchase like this: from a planned budget line, or from a business case written when the need comes up?',
        'What are you spending today, in licences, people or workarounds, to live with this problem?',
        'What range of investment did you have in mind when you started looking?',
        'At what point in the year are spending decisions like this made, and how does that affect what is available now?',
      ],
    },
    {
      key: 'authority',
      label: 'Authority',
      description: 'The contact can approve the purchase, or we know who does and have a way to reach them.',
      level: 'stakeholder',
      weight: 25,
      concepts: ['authority'],
      questions: [
        'Who will weigh in before a purchase like this is signed off, and what will each of them look for?',
        'How did the last purchase of a similar size get approved at your company, from first conversation to signature?',
        "Which department's budget would carry this cost, and who owns that budget?",
        'Which concerns would your finance or IT colleagues raise, and how have such concerns been settled before?',
      ],
    },
    {
      key: 'need',
      label: 'Need',
      description:
        'There is a business problem our product solves, and it hurts enough that the organization wants it fixed.',
      level: 'organization',
      weight: 30,
      concepts: ['need', 'pain'],
      questions: [
        "What is getting in the way of your team's results right now?",
        'Walk me through the last time this problem cost you something: what happened, and who noticed?',
        "Which fixes have been attempted so far, and why didn't they stick?",
        'How would your week look different if this problem were gone?',
      ],
    },
    {
      key: 'timeline',
      label: 'Timeline',
      description:
        'There is a date or event by which the problem must be solved, and a realistic path to a decision before it.',
      level: 'opportunity',
      weight: 20,
      concepts: ['timeline'],
      questions: [
        'What made this worth looking into now rather than last quarter?',
        'By when do you need something running, and what happens on that date?',
        'Which other projects are due in the same window, and which would win if they clashed?',
        'What steps remain between today and a signed agreement, and how long does each one usually take?',
      ],
    },
  ],
  passRule: { kind: 'k_of_n', k: 3 },
};
