import type { FrameworkDefinition } from './framework-types';

/**
 * GPCTBA/C&I: consultative discovery that places the purchase inside the buyer's goals and plans.
 * It gathers far more than a gate needs, and the consequences and implications are rarely all nailed
 * down, so it passes on 70% of the weight (partial evidence counting half) with the challenge required:
 * goals and plans without an obstacle we remove give us nothing to sell.
 */
export const GPCTBA_CI: FrameworkDefinition = {
  key: 'gpctba_ci',
  version: 1,
  name: 'GPCTBA/C&I',
  description:
    'Goals, plans, challenges, timeline, budget and authority, then what missing or reaching the goal would mean for the buyer.',
  criteria: [
    {
      key: 'goals',
      label: 'Goals',
      description: "The organization's measurable objectives for the period, the frame for everything else.",
      level: 'organization',
      weight: 15,
      concepts: ['goals'],
      questions: [
        'Which results has leadership committed to for this year?',
        "How does your own team's goal tie into those company targets?",
        'Which of those goals worries you most right now, and why?',
        'How will you know at the end of the year whether you reached them?',
      ],
    },
    {
      key: 'plans',
      label: 'Plans',
      description:
        'How the organization intends to reach its goals, and what it learned from what it tried before.',
      level: 'organization',
      weight: 10,
      concepts: ['plans'],
      questions: [
        'How does the team intend to get there, step by step?',
        'Which approaches have you already tried toward this goal, and what did each one teach you?',
        'Which resources, people or tools does the plan depend on?',
        'Where do you expect the plan to run into trouble?',
      ],
    },
    {
      key: 'challenges',
      label: 'Challenges',
      description:
        'What stands in the way of the plan, and whether the buyer accepts that they need help to get past it.',
      level: 'organization',
      weight: 20,
      concepts: ['pain', 'need'],
      questions: [
        'What is standing between your plan and the result you want?',
        'Why has this obstacle survived the earlier attempts to remove it?',
        'How much of this can your team handle with the skills it has in-house?',
        'What signal would tell you, halfway through the year, that the plan is failing?',
      ],
    },
    {
      key: 'timeline',
      label: 'Timeline',
      description:
        'When the plan starts and when results are due, and whether the team has the capacity to act now.',
      level: 'opportunity',
      weight: 10,
      concepts: ['timeline'],
      questions: [
        'When do you intend to put the plan into action?',
        'What capacity does your team have to take this on in the next few months?',
        'Which milestones along the way matter most to you?',
        'How would you sequence the work if you started next month?',
      ],
    },
    {
      key: 'budget',
      label: 'Budget',
      description:
        'What is already spent on the problem, and the investment the buyer would make to reach the goal.',
      level: 'organization',
      weight: 15,
      concepts: ['budget'],
      questions: [
        'How much are you putting into reaching this goal today, across tools, people and services?',
        'How would you judge whether a new investment pays for itself?',
        'What return would make you comfortable moving money from the current approach to a new one?',
        'What would the business case need to show to be approved?',
      ],
    },
    {
      key: 'authority',
      label: 'Authority',
      description:
        'Who decides, and, when our contact is an influencer rather than the buyer, how the buyer sees the goal.',
      level: 'stakeholder',
      weight: 15,
      concepts: ['authority', 'economic_buyer'],
      questions: [
        'How do the goals we discussed connect to what your budget holder is measured on?',
        "What else is competing for that person's attention this quarter?",
        'What would make that person hesitate to approve this?',
        'Who needs to be in the room before this can be approved, and how do we get them there?',
      ],
    },
    {
      key: 'negative_consequences',
      label: 'Negative consequences',
      description:
        'What the buyer stands to lose, as a company and personally, if the goal is missed or the challenge stays.',
      level: 'opportunity',
      weight: 8,
      concepts: ['negative_consequences'],
      questions: [
        'What happens to the business if the goal slips by a year?',
        'How would missing this target affect you and your team?',
        'Which commitments to customers or investors depend on getting this right?',
        'What has the problem already cost you that you would rather not repeat?',
      ],
    },
    {
      key: 'positive_implications',
      label: 'Positive implications',
      description: 'What the buyer gains by succeeding, including what it unlocks next.',
      level: 'opportunity',
      weight: 7,
      concepts: ['positive_implications'],
      questions: [
        'What becomes possible once this goal is reached?',
        "How would success change your team's standing or resources?",
        'Once this is behind you, which bigger goal would you go after?',
        'How would your customers notice the improvement?',
      ],
    },
  ],
  passRule: { kind: 'weighted', threshold: 0.7, required: ['challenges'] },
};
