import type { FrameworkDefinition } from './framework-types';

/**
 * CHAMP: starts from the buyer's challenges, so challenges are required and weigh the most. Authority
 * is a map of who to involve next rather than a gate, which is why it is not required and a lead with
 * three of the four criteria advances.
 */
export const CHAMP: FrameworkDefinition = {
  key: 'champ',
  version: 1,
  name: 'CHAMP',
  description:
    "Challenge first: the business problem in the buyer's words, who to involve, the money to act, and whether it ranks high enough to happen now.",
  criteria: [
    {
      key: 'challenges',
      label: 'Challenges',
      description:
        "The business challenge behind the conversation, understood in the buyer's own terms. CHAMP opens here.",
      level: 'organization',
      weight: 35,
      concepts: ['pain', 'need'],
      questions: [
        'What is the biggest obstacle between your team and its targets this year?',
        'How is that challenge affecting other teams or your customers?',
        'What is your theory about why it has not been solved yet?',
        'What would you need to see to believe a tool could actually fix it?',
      ],
    },
    {
      key: 'authority',
      label: 'Authority',
      description:
        'We can map who decides. A contact without buying power is a guide to the people who have it, not a dead end.',
      level: 'stakeholder',
      weight: 20,
      concepts: ['authority'],
      questions: [
        'Who else cares about this challenge, and what part do they play in choosing a fix?',
        'How are decisions like this made in your organization, and who has the last word?',
        'Who would you bring into the next conversation to move this forward?',
        'What does your leadership need to hear to back a change like this?',
      ],
    },
    {
      key: 'money',
      label: 'Money',
      description:
        'The organization can afford the solution given the value it brings, whether or not a budget exists today.',
      level: 'organization',
      weight: 20,
      concepts: ['budget'],
      questions: [
        'How would you put a number on what this challenge costs the company?',
        'What would the solution have to return for the spend to make sense to your finance team?',
        'Where would the money for a fix most likely come from?',
        'What are you paying today for the tools or people that work around this?',
      ],
    },
    {
      key: 'prioritization',
      label: 'Prioritization',
      description:
        'Solving the challenge ranks high enough among competing projects to get attention and resources now.',
      level: 'opportunity',
      weight: 25,
      concepts: ['timeline'],
      questions: [
        'How does this challenge rank against the other projects on your plate?',
        'What would have to happen for it to move to the top of the list?',
        'When do you need it solved, and what is driving that date?',
        'Which initiatives would you put on hold to make room for this?',
      ],
    },
  ],
  passRule: { kind: 'k_of_n', k: 3, required: ['challenges'] },
};
