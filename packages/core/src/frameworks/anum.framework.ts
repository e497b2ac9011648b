import type { FrameworkDefinition } from './framework-types';

/**
 * ANUM: BANT reordered around the decision maker. Authority comes first and is required, because the
 * point of ANUM is not to spend a discovery call with someone who cannot act or lead us to who can.
 * Beyond that, three of the four criteria are enough, as with BANT.
 */
export const ANUM: FrameworkDefinition = {
  key: 'anum',
  version: 1,
  name: 'ANUM',
  description:
    'Authority first: confirm a decision maker is involved, then the need, how pressing it is, and the money to act.',
  criteria: [
    {
      key: 'authority',
      label: 'Authority',
      description:
        'We are speaking with someone who can decide, or who can take us straight to the person who does.',
      level: 'stakeholder',
      weight: 30,
      concepts: ['authority'],
      questions: [
        'What role do you play when your team picks a new tool?',
        'Who has the final word on a decision like this, and how involved are they so far?',
        "How would you go about getting the decision maker's attention on this?",
        'What did the sign-off look like the last time your team bought software?',
      ],
    },
    {
      key: 'need',
      label: 'Need',
      description: 'The organization has a problem we solve, and recognises it as a problem.',
      level: 'organization',
      weight: 30,
      concepts: ['need', 'pain'],
      questions: [
        'Which part of your current process do people complain about most?',
        'How do you measure what that problem costs you today?',
        'Who else in the company feels this problem, and how does it show up for them?',
        'What would you want a solution to change in its first three months?',
      ],
    },
    {
      key: 'urgency',
      label: 'Urgency',
      description: 'The need is pressing enough that a decision will be made soon, not someday.',
      level: 'opportunity',
      weight: 20,
      concepts: ['timeline'],
      questions: [
        'What is pushing this up your list right now?',
        'How long can the team keep working the current way before something gives?',
        'Which deadline or event would make this impossible to postpone?',
        'When would you want to see the first results, and why that date?',
      ],
    },
    {
      key: 'money',
      label: 'Money',
      description:
        'The organization can pay for the solution, from an existing budget or from a business case it can make.',
      level: 'organization',
      weight: 20,
      concepts: ['budget'],
      questions: [
        'How are new tools typically paid for in your organization?',
        'What return would make this investment an easy case to make internally?',
        'Roughly what does the current approach cost you each month?',
        'How would the cost of this be shared between teams, if at all?',
      ],
    },
  ],
  passRule: { kind: 'k_of_n', k: 3, required: ['authority'] },
};
