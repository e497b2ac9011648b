import type { FrameworkDefinition } from './framework-types';

/**
 * FAINT: for purchases nobody planned. It asks whether the organization has money it could spend, not
 * whether a budget line exists, and adds the buyer's interest in a better way of working. Four of the
 * five are enough to advance, but need is required: interest without a real problem is curiosity.
 */
export const FAINT: FrameworkDefinition = {
  key: 'faint',
  version: 1,
  name: 'FAINT',
  description:
    'For unplanned purchases: funds the organization could commit, who can release them, real interest, the need, and a workable window.',
  criteria: [
    {
      key: 'funds',
      label: 'Funds',
      description:
        'The organization has money it could commit to this, even though nothing may be budgeted for it yet.',
      level: 'organization',
      weight: 20,
      concepts: ['budget'],
      questions: [
        'When something valuable comes up mid-year, how does your company find the money for it?',
        'What size of investment can your team commit to without waiting for a budget cycle?',
        'Which recent purchases were made outside the planned budget, and what made them possible?',
        "How does the company's financial situation this year shape what you can take on?",
      ],
    },
    {
      key: 'authority',
      label: 'Authority',
      description: 'We know who can commit the funds, and we have a way to involve them.',
      level: 'stakeholder',
      weight: 20,
      concepts: ['authority'],
      questions: [
        "Who can release money for something that was not in this year's plan?",
        'What would that person need to see before agreeing?',
        'How do you and that person usually work together on decisions like this?',
        'Who might slow the decision down, and what would worry them?',
      ],
    },
    {
      key: 'interest',
      label: 'Interest',
      description:
        'The buyer is curious about a better way of working and is actively exploring it with us, even if no purchase was planned.',
      level: 'opportunity',
      weight: 20,
      concepts: ['interest'],
      questions: [
        'What caught your attention about our approach?',
        'What would a better version of your current process look like to you?',
        'What have you learned so far from looking at other ways to handle this?',
        'Which parts of what we showed would you want your colleagues to see, and why those?',
      ],
    },
    {
      key: 'need',
      label: 'Need',
      description:
        'There is a problem or an opportunity our product addresses, and it matters to the organization.',
      level: 'organization',
      weight: 25,
      concepts: ['need', 'pain'],
      questions: [
        'What outcome is the business struggling to reach today?',
        'Where does the current way of working waste the most time or money?',
        'How did this problem come to your attention, and who raised it?',
        'What would change for your own customers if this were solved?',
      ],
    },
    {
      key: 'timing',
      label: 'Timing',
      description: 'There is a sensible window in which to decide and put the solution in place.',
      level: 'opportunity',
      weight: 15,
      concepts: ['timeline'],
      questions: [
        "When would a change like this fit into your team's calendar?",
        'What events in the coming months could speed this up or hold it back?',
        'How much time would your team need to adopt a new tool?',
        'What would make waiting until next year the better choice for you?',
      ],
    },
  ],
  passRule: { kind: 'k_of_n', k: 4, required: ['need'] },
};
