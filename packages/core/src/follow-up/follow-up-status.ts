import { formatInTimeZone } from 'date-fns-tz';
import { STAGE_LABELS, type Stage } from '../stages/stages';
import { MS_PER_DAY } from '../units';
import { addBusinessMinutes, businessMinutesBetween, isOpenAt, nextOpening } from './business-time';
import type { BusinessHours, FollowUpPolicy } from './follow-up-policy';

/**
 * The speed-to-lead clock of a hand-raiser:
 * - pending: not contacted yet, still within the target;
 * - overdue: past the target, not contacted;
 * - escalated: overdue by the escalation margin or more;
 * - met / late: contacted within / after the target;
 * - stopped: left the watched stages (let go, nurtured) without a recorded contact, or knocked out by the ICP.
 */
export const CLOCK_STATES = ['pending', 'overdue', 'escalated', 'met', 'late', 'stopped'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** Why a lead needs a rep, most urgent first; `none` when it does not. */
export const FOLLOW_UP_URGENCIES = [
  'escalated',
  'overdue',
  'due',
  'gone_quiet',
  'long_quiet',
  'none',
] as const;
export type FollowUpUrgency = (typeof FOLLOW_UP_URGENCIES)[number];

export const NEXT_ACTION_KINDS = [
  'call_now',
  'call_before_due',
  're_engage',
  'nurture_or_disqualify',
] as const;
export type NextActionKind = (typeof NEXT_ACTION_KINDS)[number];

/** What the follow-up decisions read about a lead; instants are epoch milliseconds. */
export interface FollowUpFacts {
  stage: Stage;
  /** The lead's first hand-raise (demo request, contact-sales form…): the clock starts here. */
  handRaisedAt: number | null;
  /** The hand-raiser event type behind it (e.g. "demo_request"), named in the explanations; null if unknown. */
  handRaiseType: string | null;
  /** The first contact; one made before the hand-raise does not answer it and is ignored by the clock. */
  contactedAt: number | null;
  /** An ICP knock-out (competitor, student, outside territory): nobody is meant to call, so no clock runs. */
  knockedOut: boolean;
  /** The latest sign of life: the lead's own events, a rep's touch or note, a stage change. */
  lastActivityAt: number;
}

export interface SpeedToLeadClock {
  state: ClockState;
  startedAt: number;
  trigger: string | null;
  targetMinutes: number;
  dueAt: number;
  /** When the lead is (or would have been) escalated; null when the policy never escalates. */
  escalatesAt: number | null;
  contactedAt: number | null;
  /** Business minutes from the hand-raise to the contact, or to now while nobody has called. */
  elapsedMinutes: number;
  /** Whole business minutes before the due time (pending only). */
  minutesLeft: number | null;
  /** Whole business minutes past the due time (overdue, escalated, late). */
  overdueMinutes: number | null;
  why: string;
}

export interface GoneQuiet {
  quiet: boolean;
  /** The last activity: quiet since then. */
  since: number;
  /** Whole calendar days since then. */
  days: number;
  afterDays: number;
  /** Quiet past `giveUpAfterDays`: better nurtured or let go than chased. */
  giveUp: boolean;
  why: string;
}

export interface NextAction {
  kind: NextActionKind;
  label: string;
  why: string;
  /** Act by then (the due time of a pending clock); null when it is already late or has no deadline. */
  by: number | null;
}

export interface FollowUpStatus {
  urgency: FollowUpUrgency;
  /** Null when the lead never raised a hand. */
  clock: SpeedToLeadClock | null;
  /** Null when the lead's stage is not watched for silence. */
  quiet: GoneQuiet | null;
  nextAction: NextAction | null;
  /** Whether business hours are open at `now`. */
  openNow: boolean;
}

/** "demo_request" → "Demo request". */
export const describeTrigger = (type: string | null): string => {
  if (!type) return 'Hand-raise';
  const words = type.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const businessMinutes = (n: number) => plural(n, 'business minute');

/** A local time a rep reads at a glance: "Mon 1 Jun 09:05 (Europe/Warsaw)". */
export const formatLocal = (at: number, hours: BusinessHours): string =>
  `${formatInTimeZone(at, hours.timeZone, 'EEE d MMM HH:mm')} (${hours.timeZone})`;

/** The speed-to-lead clock of a lead that raised its hand, as of `now`. */
export function speedToLeadClock(
  facts: FollowUpFacts,
  policy: FollowUpPolicy,
  now: number,
): SpeedToLeadClock | null {
  if (facts.handRaisedAt === null) return null;
  const { businessHours: hours, speedToLead } = policy;
  const startedAt = facts.handRaisedAt;
  const target = speedToLead.targetMinutes;
  const dueAt = addBusinessMinutes(startedAt, target, hours);
  const escalatesAt =
    speedToLead.escalateAfterMinutes === null
      ? null
      : addBusinessMinutes(startedAt, target + speedToLead.escalateAfterMinutes, hours);
  const contactedAt = facts.contactedAt !== null && facts.contactedAt >= startedAt ? facts.contactedAt : null;
  const trigger = describeTrigger(facts.handRaiseType);
  const base = {
    startedAt,
    trigger: facts.handRaiseType,
    targetMinutes: target,
    dueAt,
    escalatesAt,
    contactedAt,
  };

  if (contactedAt !== null) {
    const elapsed = businessMinutesBetween(startedAt, contactedAt, hours);
    const met = elapsed <= target;
    const taken = Math.floor(elapsed);
    return {
      ...base,
      state: met ? 'met' : 'late',
      elapsedMinutes: taken,
      minutesLeft: null,
      overdueMinutes: met ? null : Math.max(0, Math.floor(elapsed - target)),
      why: met
        ? `${trigger} answered in ${businessMinutes(taken)}, within the ${target}-minute target`
        : `${trigger} answered in ${businessMinutes(taken)}, past the ${target}-minute target`,
    };
  }

  const elapsed = Math.floor(businessMinutesBetween(startedAt, now, hours));
  if (!speedToLead.stages.includes(facts.stage) || facts.knockedOut) {
    return {
      ...base,
      state: 'stopped',
      elapsedMinutes: elapsed,
      minutesLeft: null,
      overdueMinutes: null,
      why: facts.knockedOut
        ? `${trigger} not followed up: the lead is knocked out by the ICP`
        : `${trigger} never answered with a recorded contact; the lead moved on to ${STAGE_LABELS[facts.stage]}`,
    };
  }
  if (now < dueAt) {
    const left = Math.max(1, Math.ceil(businessMinutesBetween(now, dueAt, hours)));
    const closed = !isOpenAt(now, hours);
    return {
      ...base,
      state: 'pending',
      elapsedMinutes: elapsed,
      minutesLeft: left,
      overdueMinutes: null,
      why: !closed
        ? `${trigger} ${businessMinutes(elapsed)} ago; ${plural(left, 'minute')} left of the ${target}-minute target`
        : elapsed === 0
          ? `${trigger} arrived outside business hours; the clock starts ${formatLocal(nextOpening(now, hours), hours)} and is due ${formatLocal(dueAt, hours)}`
          : `${trigger} ${businessMinutes(elapsed)} ago; the clock resumes ${formatLocal(nextOpening(now, hours), hours)} and is due ${formatLocal(dueAt, hours)}`,
    };
  }
  const overdue = Math.floor(businessMinutesBetween(dueAt, now, hours));
  const escalated = escalatesAt !== null && now >= escalatesAt;
  return {
    ...base,
    state: escalated ? 'escalated' : 'overdue',
    elapsedMinutes: elapsed,
    minutesLeft: null,
    overdueMinutes: overdue,
    why: escalated
      ? `${trigger} ${businessMinutes(elapsed)} ago, target ${target}: escalated ${plural(speedToLead.escalateAfterMinutes ?? 0, 'minute')} past due`
      : `${trigger} ${businessMinutes(elapsed)} ago, target ${target}`,
  };
}

/** Whether a lead in a working stage has gone quiet, as of `now` (calendar days, not business days). */
export function goneQuiet(facts: FollowUpFacts, policy: FollowUpPolicy, now: number): GoneQuiet | null {
  const { goneQuiet: rule } = policy;
  if (!rule.stages.includes(facts.stage)) return null;
  const silentFor = Math.max(0, now - facts.lastActivityAt);
  const days = Math.floor(silentFor / MS_PER_DAY);
  const quiet = silentFor >= rule.afterDays * MS_PER_DAY;
  const giveUp = rule.giveUpAfterDays !== null && silentFor >= rule.giveUpAfterDays * MS_PER_DAY;
  const stage = STAGE_LABELS[facts.stage];
  return {
    quiet,
    since: facts.lastActivityAt,
    days,
    afterDays: rule.afterDays,
    giveUp,
    why: giveUp
      ? `Quiet for ${plural(days, 'day')} in ${stage}, past the ${rule.giveUpAfterDays}-day limit`
      : quiet
        ? `No activity for ${plural(days, 'day')} in ${stage} (quiet after ${rule.afterDays})`
        : `Last activity ${plural(days, 'day')} ago in ${stage}`,
  };
}

const urgencyOf = (clock: SpeedToLeadClock | null, quiet: GoneQuiet | null): FollowUpUrgency => {
  if (clock?.state === 'escalated') return 'escalated';
  if (clock?.state === 'overdue') return 'overdue';
  if (clock?.state === 'pending') return 'due';
  if (quiet?.giveUp) return 'long_quiet';
  if (quiet?.quiet) return 'gone_quiet';
  return 'none';
};

function nextActionFor(
  urgency: FollowUpUrgency,
  clock: SpeedToLeadClock | null,
  quiet: GoneQuiet | null,
): NextAction | null {
  switch (urgency) {
    case 'escalated':
    case 'overdue':
      return { kind: 'call_now', label: 'Call now', why: clock!.why, by: null };
    case 'due':
      return { kind: 'call_before_due', label: 'Call before it is due', why: clock!.why, by: clock!.dueAt };
    case 'gone_quiet':
      return { kind: 're_engage', label: 'Re-engage', why: quiet!.why, by: null };
    case 'long_quiet':
      return {
        kind: 'nurture_or_disqualify',
        label: 'Move to nurture or disqualify',
        why: quiet!.why,
        by: null,
      };
    case 'none':
      return null;
  }
}

/**
 * Where a lead stands on follow-up at `now`: its speed-to-lead clock, whether it has gone quiet, and the one thing
 * a rep should do next with the reason. An open clock outranks silence: a waiting hand-raiser is a call, not a
 * re-engagement.
 */
export function followUpStatus(facts: FollowUpFacts, policy: FollowUpPolicy, now: number): FollowUpStatus {
  const clock = speedToLeadClock(facts, policy, now);
  const quiet = goneQuiet(facts, policy, now);
  const urgency = urgencyOf(clock, quiet);
  return {
    urgency,
    clock,
    quiet,
    nextAction: nextActionFor(urgency, clock, quiet),
    openNow: isOpenAt(now, policy.businessHours),
  };
}

/**
 * The queue order: by urgency; open clocks by hand-raise (the longest wait first, which is also the earliest due
 * time), quiet leads by how long they have been silent.
 */
export function compareFollowUps(
  a: { status: FollowUpStatus; id: string },
  b: { status: FollowUpStatus; id: string },
): number {
  const rank = FOLLOW_UP_URGENCIES.indexOf(a.status.urgency) - FOLLOW_UP_URGENCIES.indexOf(b.status.urgency);
  if (rank !== 0) return rank;
  const key = (s: FollowUpStatus) =>
    s.clock && (s.urgency === 'escalated' || s.urgency === 'overdue' || s.urgency === 'due')
      ? s.clock.startedAt
      : (s.quiet?.since ?? 0);
  return key(a.status) - key(b.status) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
