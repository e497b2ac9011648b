import type { ScoringPolicy } from '../policy/scoring-policy';
import {
  applyEngagementEvents,
  bucketKeyOf,
  type CapBucket,
  EMPTY_ENGAGEMENT,
  type EngagementEvent,
  type EngagementState,
  engagementAt,
  eventTypePolicy,
} from '../scoring/engagement';
import { computeFit, type FitResult, type FitSubject } from '../scoring/fit-score';
import { type AutomaticRule, decideAutomaticTransition } from '../stages/automatic-transition';
import type { Stage } from '../stages/stages';

/** One lead of the replayed period: its facts, its whole event ledger and where it was created. */
export interface ReplayLead {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  /** The stage it was created in; only subscribers and leads can be qualified by the rules. */
  entryStage: Stage;
  fitSubject: FitSubject;
  /** The lead's ledger, in any order. */
  events: readonly EngagementEvent[];
}

export const NOT_QUALIFIED_REASONS = [
  'knocked_out',
  'fit_below',
  'engagement_below',
  'fit_and_engagement_below',
  'entered_past_qualification',
] as const;
export type NotQualifiedReason = (typeof NOT_QUALIFIED_REASONS)[number];

export type QualifiedStage = 'mql' | 'pql' | 'cql';

export type QualificationReplay =
  | {
      qualified: true;
      stage: QualifiedStage;
      rule: Extract<AutomaticRule, 'fit_and_engagement' | 'hand_raiser'>;
      /** Epoch ms of the first instant the lead qualified. */
      at: number;
      fit: FitResult;
      /** Decayed engagement at that instant. */
      engagement: number;
      /** The hand-raiser event type that qualified it, if that was the route. */
      handRaiser?: string;
      why: string;
    }
  | {
      qualified: false;
      reason: NotQualifiedReason;
      fit: FitResult;
      /** The highest engagement the lead had at any instant of its history; 0 without events. */
      peakEngagement: number;
      /** When it peaked (epoch ms); null without scored events. */
      peakAt: number | null;
      why: string;
    };

const points = (n: number): string => (Math.round(n * 10) / 10).toString();
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const PRE_QUALIFIED: readonly Stage[] = ['subscriber', 'lead'];

/** Events grouped by instant, in time order; events from before the lead existed count from its creation. */
const instants = (lead: ReplayLead): { at: number; events: EngagementEvent[] }[] => {
  const sorted = [...lead.events].sort((a, b) => a.occurredAt - b.occurredAt);
  const groups: { at: number; events: EngagementEvent[] }[] = [{ at: lead.createdAt, events: [] }];
  for (const event of sorted) {
    const last = groups.at(-1)!;
    if (event.occurredAt <= last.at) last.events.push(event);
    else groups.push({ at: event.occurredAt, events: [event] });
  }
  return groups;
};

/**
 * Replays one lead's history under `policy` the way ingestion decides live: at its creation and after every
 * instant its ledger changed, the stage rules look at its fit and its decayed engagement (or the hand-raise that
 * just arrived), and the first instant they qualify it is the answer. Decay only lowers engagement between
 * events, so no instant in between could qualify it earlier. Fit is read from the lead's data as it is now.
 * Manual moves are not replayed: this is what the rules alone would have done.
 */
export const replayQualification = (lead: ReplayLead, policy: ScoringPolicy): QualificationReplay => {
  const fit = computeFit(lead.fitSubject, policy.icp.rules);
  const { mql } = policy.lifecycle;
  if (!PRE_QUALIFIED.includes(lead.entryStage)) {
    return {
      qualified: false,
      reason: 'entered_past_qualification',
      fit,
      peakEngagement: 0,
      peakAt: null,
      why: `Created in stage ${lead.entryStage}: the rules only qualify subscribers and leads.`,
    };
  }
  if (fit.knockedOut) {
    return {
      qualified: false,
      reason: 'knocked_out',
      fit,
      peakEngagement: 0,
      peakAt: null,
      why: `Knocked out: ${fit.knockout?.text ?? 'a knock-out rule fired'}.`,
    };
  }
  const engagementPolicy = policy.engagement;
  let state: EngagementState = EMPTY_ENGAGEMENT;
  const buckets = new Map<string, CapBucket>();
  let peakEngagement = 0;
  let peakAt: number | null = null;
  for (const group of instants(lead)) {
    if (group.events.length > 0) {
      const given: CapBucket[] = [];
      for (const event of group.events) {
        const key = bucketKeyOf(event, engagementPolicy);
        const bucket = key && buckets.get(`${key.type}\u0000${key.windowStart}`);
        if (bucket && !given.includes(bucket)) given.push(bucket);
      }
      const applied = applyEngagementEvents(state, given, group.events, engagementPolicy);
      state = applied.state;
      for (const bucket of applied.buckets) buckets.set(`${bucket.type}\u0000${bucket.windowStart}`, bucket);
    }
    const engagement = engagementAt(state, group.at, engagementPolicy);
    if (engagement > peakEngagement) {
      peakEngagement = engagement;
      peakAt = group.at;
    }
    const raised = group.events.find((event) => eventTypePolicy(event.type, engagementPolicy)?.handRaiser);
    const move = decideAutomaticTransition({
      stage: lead.entryStage,
      fit,
      engagement,
      handRaiser: raised ? { type: raised.type } : undefined,
      policy,
    });
    if (move && (move.rule === 'fit_and_engagement' || move.rule === 'hand_raiser')) {
      return {
        qualified: true,
        stage: move.to as QualifiedStage,
        rule: move.rule,
        at: group.at,
        fit,
        engagement,
        ...(move.rule === 'hand_raiser' && raised ? { handRaiser: raised.type } : {}),
        why: move.why,
      };
    }
  }
  const fitShort = fit.score < mql.minFit;
  const engagementShort = peakEngagement < mql.minEngagement;
  const reason: NotQualifiedReason =
    fitShort && engagementShort ? 'fit_and_engagement_below' : fitShort ? 'fit_below' : 'engagement_below';
  const fitPart = fitShort
    ? `fit ${fit.score} is below ${mql.minFit}`
    : `fit ${fit.score} reaches ${mql.minFit}`;
  const peakPart =
    peakAt === null ? 'no engagement' : `engagement peaked at ${points(peakEngagement)} on ${day(peakAt)}`;
  const engagementPart = engagementShort
    ? `${peakPart}, below ${points(mql.minEngagement)}`
    : `${peakPart}, which would have been enough`;
  return {
    qualified: false,
    reason,
    fit,
    peakEngagement,
    peakAt,
    why: `Not qualified: ${fitPart}; ${engagementPart}; no hand-raise.`,
  };
};
