import type { seededRandom } from './generate-demo-data';

type Random = ReturnType<typeof seededRandom>;
type Status = 'met' | 'partial' | 'not_met';

/** Discovery notes a rep might type after a call, per criterion and verdict. Written for this demo. */
const BANT_NOTES: Record<string, Record<Status, readonly string[]>> = {
  budget: {
    met: [
      '{c} set aside about $40k for sales tooling this fiscal year; finance confirmed the line exists.',
      'They pay roughly $3k a month for two tools this would replace, so the money is already being spent.',
      'Budget owner said a mid five-figure annual contract is within what they can sign this quarter.',
    ],
    partial: [
      'No line item yet, but the VP thinks a business case could free money in the next planning round.',
      'Spending comes from a shared ops budget; the amount depends on what else gets approved in March.',
    ],
    not_met: [
      'Hiring freeze and a flat budget: nothing new gets bought at {c} until next year.',
      'They expected a free tool; our entry price is about four times what they had in mind.',
    ],
  },
  authority: {
    met: [
      'Spoke with the Head of Sales, who signs anything under $50k without a committee.',
      'Our contact reports to the CRO, who joined the second call and asked about the rollout plan.',
    ],
    partial: [
      'Contact is an influencer; the decision sits with the COO, whom we have not met yet.',
      'Procurement and IT security both have to sign off; we know the names but have no meeting.',
    ],
    not_met: [
      'Contact is a team member exploring on their own; they could not say who approves purchases.',
      'Decisions are made at the parent company abroad and our contact has no line to them.',
    ],
  },
  need: {
    met: [
      'Reps at {c} spend the first hour of each day sorting inbound leads by hand; two hot leads went stale last month.',
      'Their MQL-to-meeting rate dropped from 18% to 9% after a spike in form spam; they want scoring they can trust.',
      'Marketing and sales argue about lead quality every week; they want one shared definition of qualified.',
    ],
    partial: [
      'They feel the routing is slow but have no numbers yet; agreed to pull speed-to-lead data before the next call.',
      'Pain is real for the inbound team, less so for outbound; unclear how many seats would use it.',
    ],
    not_met: [
      'Inbound volume is about twenty leads a month; a spreadsheet works fine for them.',
      'They renewed a competing platform last month and are happy with it.',
    ],
  },
  timeline: {
    met: [
      'New SDR team starts on the first of next month and they want routing in place before then.',
      'Board review in six weeks; the VP wants the new funnel numbers in that deck.',
    ],
    partial: [
      'Wants something "this half", but no date is tied to an event yet.',
      'Timing depends on a CRM migration that may slip by a quarter.',
    ],
    not_met: [
      'Nothing will move before the reorganisation settles, probably two quarters out.',
      'Said to check back next year; other projects have priority.',
    ],
  },
};

const MEDDIC_NOTES: Record<string, Record<Exclude<Status, 'not_met'>, readonly string[]>> = {
  metrics: {
    met: [
      'Target: cut first response to inbound demo requests from 26 hours to under one hour, and lift SQL rate by a third.',
      'They measure success as 20% more pipeline from the same lead volume within two quarters.',
    ],
    partial: ['Agree that conversion should improve but have not put a number on it.'],
  },
  economic_buyer: {
    met: ['The CFO of {c} owns the budget and joined the pricing call; she asked for a three-year option.'],
    partial: ['We believe the COO signs, but so far everything has gone through our champion.'],
  },
  decision_criteria: {
    met: [
      'They score vendors on CRM integration, explainable scores and EU data residency; we shared a written comparison.',
    ],
    partial: ['Criteria are still forming; security review requirements arrive next week.'],
  },
  decision_process: {
    met: ['Pilot for 30 days with one team, then a steering meeting, then legal review of the order form.'],
    partial: ['They know the legal step but not who runs the pilot evaluation.'],
  },
  identify_pain: {
    met: [
      'Leads from paid search sit untouched over weekends; they estimate losing four deals a quarter to faster rivals.',
    ],
    partial: ['Pain is described in general terms; no lost deal tied to it yet.'],
  },
  champion: {
    met: [
      'Head of RevOps at {c} is selling internally: she booked the demo for her VP and shared our case study.',
    ],
    partial: ['Our contact is enthusiastic but new in the role and still building influence.'],
  },
};

const fill = (text: string, company: string) => text.replaceAll('{c}', company);

export function bantEvidence(random: Random, key: string, status: Status, company: string): string {
  return fill(random.pick(BANT_NOTES[key]![status]), company);
}

export function meddicEvidence(
  random: Random,
  key: string,
  status: Exclude<Status, 'not_met'>,
  company: string,
): string {
  return fill(random.pick(MEDDIC_NOTES[key]![status]), company);
}
