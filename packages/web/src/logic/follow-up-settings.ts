import type { ErrorBody } from '@triage/contracts';
import { type FollowUpPolicy, followUpPolicySchema, WEEKDAYS, type Weekday } from '@triage/core';

/** A problem with one follow-up setting: its key under `followUp` ("businessHours.end"), its label, the message. */
export interface FollowUpProblem {
  key: string;
  label: string;
  message: string;
}

/** "Mon" for "mon": a day toggle's label. */
export const weekdayLabel = (day: Weekday): string => day.charAt(0).toUpperCase() + day.slice(1);

const LABELS: Record<string, string> = {
  'businessHours.timeZone': 'Time zone',
  'businessHours.alwaysOpen': 'Open around the clock',
  'businessHours.days': 'Working days',
  'businessHours.start': 'Opens at',
  'businessHours.end': 'Closes at',
  'businessHours.holidays': 'Holidays',
  'speedToLead.targetMinutes': 'Speed-to-lead target',
  'speedToLead.escalateAfterMinutes': 'Escalate after',
  'speedToLead.stages': 'Speed-to-lead stages',
  'goneQuiet.afterDays': 'Gone quiet after',
  'goneQuiet.giveUpAfterDays': 'Give up after',
  'goneQuiet.stages': 'Watched stages',
};

/**
 * The label of a key under `followUp`; an item of a list is named by its list ("businessHours.holidays.2" is a
 * holiday), a key this screen does not know keeps its path.
 */
export function followUpLabel(key: string): string {
  const parts = key.split('.');
  for (let n = parts.length; n > 0; n--) {
    const label = LABELS[parts.slice(0, n).join('.')];
    if (label) return label;
  }
  return key || 'Follow-up';
}

/** The key a problem is shown beside: a holiday's problem sits by the holidays, not by one date of them. */
export const fieldOf = (key: string): string => key.split('.').slice(0, 2).join('.');

const problem = (key: string, message: string): FollowUpProblem => ({
  key,
  label: followUpLabel(key),
  message,
});

/**
 * The section checked by the very schema the server applies, so a mistake (a day that ends before it starts, a
 * give-up sooner than quiet, a misspelt time zone) reads the same before publishing as after.
 */
export function checkFollowUp(followUp: FollowUpPolicy): FollowUpProblem[] {
  const result = followUpPolicySchema.safeParse(followUp);
  if (result.success) return [];
  return result.error.issues.map((issue) => problem(issue.path.map(String).join('.'), issue.message));
}

const FOLLOW_UP_POINTER = '/policy/followUp/';

/** A refused publish split in two: the follow-up problems (for their fields) and the rest of the body as it was. */
export function splitFollowUpIssues(body: ErrorBody): { followUp: FollowUpProblem[]; rest: ErrorBody } {
  const issues = body.issues ?? [];
  const mine = issues.filter((issue) => issue.pointer.startsWith(FOLLOW_UP_POINTER));
  if (!mine.length) return { followUp: [], rest: body };
  const followUp = mine.map((issue) =>
    problem(issue.pointer.slice(FOLLOW_UP_POINTER.length).replaceAll('/', '.'), issue.message),
  );
  const others = issues.filter((issue) => !issue.pointer.startsWith(FOLLOW_UP_POINTER));
  // With no other issue left, the general message would only repeat "invalid policy": the labels say it better.
  return { followUp, rest: { ...body, issues: others } };
}

/** One line of the problems list: "Follow-up, Closes at: end must be after start …". */
export const problemLine = (p: FollowUpProblem): string => `Follow-up, ${p.label}: ${p.message}`;

/** The working days with `day` switched, kept in week order. */
export function toggleDay(days: readonly Weekday[], day: Weekday): Weekday[] {
  const on = new Set(days);
  if (on.has(day)) on.delete(day);
  else on.add(day);
  return WEEKDAYS.filter((d) => on.has(d));
}

/** The holidays with `date` added once, in date order; an empty or unreadable date changes nothing. */
export function addHoliday(holidays: readonly string[], date: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || holidays.includes(date)) return [...holidays];
  return [...holidays, date].sort();
}

/**
 * The zones to offer: the runtime's IANA names, UTC first (engines list it apart from the regions, or not at
 * all), and the current value even when the runtime does not know it, so the field never hides what is stored.
 */
export function timeZoneChoices(supported: readonly string[], current: string): string[] {
  const zones = ['UTC', ...supported.filter((zone) => zone !== 'UTC')];
  return zones.includes(current) || current.trim() === '' ? zones : [current, ...zones];
}

/** What the clock reads in `timeZone` at `now`: "Tue 14:05"; null for a name the runtime does not know. */
export function localNow(timeZone: string, now: number): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(now));
  } catch {
    return null;
  }
}
