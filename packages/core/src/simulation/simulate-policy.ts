import type { ScoringPolicy } from '../policy/scoring-policy';
import { type LeadOutcome, reached } from './lead-outcome';
import {
  type QualificationReplay,
  type QualifiedStage,
  type ReplayLead,
  replayQualification,
} from './replay-qualification';

/** A lead of the period with what really became of it. */
export interface SimulationLead extends ReplayLead {
  /** How the lead is shown to a person (its email). */
  label: string;
  outcome: LeadOutcome;
}

/** Cumulative milestones (a customer also reached SAL, SQL and opportunity) and where the leads stand today. */
export interface LeadSetOutcomes {
  reachedSal: number;
  reachedSql: number;
  reachedOpportunity: number;
  customers: number;
  disqualified: number;
  nurture: number;
  open: number;
}

/** Each milestone as a share of the set; null for an empty set. */
export interface LeadSetRates {
  sal: number | null;
  sql: number | null;
  opportunity: number | null;
  customer: number | null;
}

export interface LeadSetSummary {
  leads: number;
  outcomes: LeadSetOutcomes;
  rates: LeadSetRates;
}

/** What one policy's rules would have qualified over the period. */
export interface PolicyReplaySummary extends LeadSetSummary {
  byStage: Record<QualifiedStage, number>;
  byRule: { fitAndEngagement: number; handRaiser: number };
  /** Leads a knock-out rule would have disqualified at creation. */
  knockedOut: number;
  /** Median time from a lead's creation to its qualification; null when nobody qualified. */
  medianTimeToQualifyMs: number | null;
}

/** A lead one policy qualifies and the other does not, with both verdicts and its real outcome. */
export interface SimulationExample {
  leadId: string;
  label: string;
  createdAt: number;
  outcome: LeadOutcome;
  current: QualificationReplay;
  draft: QualificationReplay;
}

export interface PolicySimulation {
  replayed: {
    leads: number;
    events: number;
    /** Leads created past the qualifying stages (e.g. imported as customers): neither policy can move them. */
    notReplayable: number;
    /** Leads the recorded history shows entering MQL, PQL or CQL, manual moves included, for comparison. */
    recordedQualified: number;
  };
  current: PolicyReplaySummary;
  draft: PolicyReplaySummary;
  /** Qualified under both policies. */
  both: LeadSetSummary;
  /** Qualified under the draft only. */
  gained: LeadSetSummary & { examples: SimulationExample[] };
  /** Qualified under the current policy only. */
  lost: LeadSetSummary & { examples: SimulationExample[] };
}

export interface SimulationOptions {
  /** Example leads kept per gained/lost set; 5 unless set. */
  examples?: number;
}

interface SetTally {
  leads: number;
  outcomes: LeadSetOutcomes;
}

interface PolicyTally extends SetTally {
  byStage: Record<QualifiedStage, number>;
  byRule: { fitAndEngagement: number; handRaiser: number };
  knockedOut: number;
  timesToQualify: number[];
}

const emptySet = (): SetTally => ({
  leads: 0,
  outcomes: {
    reachedSal: 0,
    reachedSql: 0,
    reachedOpportunity: 0,
    customers: 0,
    disqualified: 0,
    nurture: 0,
    open: 0,
  },
});

const emptyPolicy = (): PolicyTally => ({
  ...emptySet(),
  byStage: { mql: 0, pql: 0, cql: 0 },
  byRule: { fitAndEngagement: 0, handRaiser: 0 },
  knockedOut: 0,
  timesToQualify: [],
});

const countInto = (set: SetTally, outcome: LeadOutcome): void => {
  set.leads++;
  const counts = set.outcomes;
  if (reached(outcome, 'sal')) counts.reachedSal++;
  if (reached(outcome, 'sql')) counts.reachedSql++;
  if (reached(outcome, 'opportunity')) counts.reachedOpportunity++;
  if (outcome.state === 'customer') counts.customers++;
  else if (outcome.state === 'disqualified') counts.disqualified++;
  else if (outcome.state === 'nurture') counts.nurture++;
  else counts.open++;
};

const countReplay = (tally: PolicyTally, lead: SimulationLead, replay: QualificationReplay): void => {
  if (!replay.qualified) {
    if (replay.reason === 'knocked_out') tally.knockedOut++;
    return;
  }
  countInto(tally, lead.outcome);
  tally.byStage[replay.stage]++;
  if (replay.rule === 'hand_raiser') tally.byRule.handRaiser++;
  else tally.byRule.fitAndEngagement++;
  tally.timesToQualify.push(Math.max(0, replay.at - lead.createdAt));
};

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const summariseSet = ({ leads, outcomes }: SetTally): LeadSetSummary => ({
  leads,
  outcomes: { ...outcomes },
  rates: {
    sal: share(outcomes.reachedSal, leads),
    sql: share(outcomes.reachedSql, leads),
    opportunity: share(outcomes.reachedOpportunity, leads),
    customer: share(outcomes.customers, leads),
  },
});

export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const summarisePolicy = (tally: PolicyTally): PolicyReplaySummary => ({
  ...summariseSet(tally),
  byStage: { ...tally.byStage },
  byRule: { ...tally.byRule },
  knockedOut: tally.knockedOut,
  medianTimeToQualifyMs: median(tally.timesToQualify),
});

const milestoneRank = (outcome: LeadOutcome): number =>
  outcome.state === 'customer'
    ? 4
    : outcome.furthest === null
      ? 0
      : ['sal', 'sql', 'opportunity'].indexOf(outcome.furthest) + 1;

/** Examples shown first: the leads that went furthest, then the oldest, then by id, so a rerun shows the same. */
const exampleOrder = (a: SimulationExample, b: SimulationExample): number =>
  milestoneRank(b.outcome) - milestoneRank(a.outcome) ||
  a.createdAt - b.createdAt ||
  (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0);

const keepExample = (list: SimulationExample[], example: SimulationExample, limit: number): void => {
  if (limit <= 0) return;
  list.push(example);
  list.sort(exampleOrder);
  if (list.length > limit) list.pop();
};

export interface PolicySimulator {
  /** Replays one lead under both policies and counts it; leads may come in any order, one page at a time. */
  add(lead: SimulationLead): void;
  result(): PolicySimulation;
}

/**
 * Compares a draft policy with the current one over a period's leads, both replayed the same way (see
 * replayQualification), so the difference is the policies' and not manual moves'. Memory grows with the number
 * of qualified leads (one number each, for the medians), not with their events: feed the leads page by page.
 */
export const createPolicySimulator = (
  current: ScoringPolicy,
  draft: ScoringPolicy,
  options: SimulationOptions = {},
): PolicySimulator => {
  const limit = options.examples ?? 5;
  const replayed = { leads: 0, events: 0, notReplayable: 0, recordedQualified: 0 };
  const tallies = { current: emptyPolicy(), draft: emptyPolicy() };
  const both = emptySet();
  const gained = emptySet();
  const lost = emptySet();
  const examples = { gained: [] as SimulationExample[], lost: [] as SimulationExample[] };
  return {
    add(lead) {
      replayed.leads++;
      replayed.events += lead.events.length;
      if (lead.outcome.recordedQualified) replayed.recordedQualified++;
      const underCurrent = replayQualification(lead, current);
      const underDraft = current === draft ? underCurrent : replayQualification(lead, draft);
      if (!underCurrent.qualified && underCurrent.reason === 'entered_past_qualification')
        replayed.notReplayable++;
      countReplay(tallies.current, lead, underCurrent);
      countReplay(tallies.draft, lead, underDraft);
      if (underCurrent.qualified === underDraft.qualified) {
        if (underCurrent.qualified) countInto(both, lead.outcome);
        return;
      }
      const example: SimulationExample = {
        leadId: lead.id,
        label: lead.label,
        createdAt: lead.createdAt,
        outcome: lead.outcome,
        current: underCurrent,
        draft: underDraft,
      };
      if (underDraft.qualified) {
        countInto(gained, lead.outcome);
        keepExample(examples.gained, example, limit);
      } else {
        countInto(lost, lead.outcome);
        keepExample(examples.lost, example, limit);
      }
    },
    result() {
      return {
        replayed: { ...replayed },
        current: summarisePolicy(tallies.current),
        draft: summarisePolicy(tallies.draft),
        both: summariseSet(both),
        gained: { ...summariseSet(gained), examples: [...examples.gained] },
        lost: { ...summariseSet(lost), examples: [...examples.lost] },
      };
    },
  };
};

/** The whole comparison in one call, for a period small enough to hold in memory. */
export const simulatePolicy = (
  leads: Iterable<SimulationLead>,
  current: ScoringPolicy,
  draft: ScoringPolicy,
  options: SimulationOptions = {},
): PolicySimulation => {
  const simulator = createPolicySimulator(current, draft, options);
  for (const lead of leads) simulator.add(lead);
  return simulator.result();
};
