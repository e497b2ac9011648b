import type { FollowUpQueue, FollowUpQueueKind, FollowUpStatusView, TouchKind } from '@triage/contracts';
import { type BusinessHours, formatLocal, WEEKDAYS } from '@triage/core';

/** How urgent a row looks: escalated and overdue are red, due is amber, quiet is blue, done is green. */
export type UrgencyTone = 'danger' | 'warn' | 'quiet' | 'ok' | 'muted';

export interface UrgencyText {
  /** A short label for a chip: "Overdue", "Due", "Quiet". */
  label: string;
  /** The line beside it: "by 12 business min", "in 3 business min", "for 16 days". */
  detail: string;
  tone: UrgencyTone;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Business minutes as a rep reads them: "4 min", "1 h", "2 h 5 min"; never days (a business day varies). */
export function formatBusinessMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole < 60) return `${whole} min`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${hours.toLocaleString('en')} h` : `${hours.toLocaleString('en')} h ${rest} min`;
}

/** An instant in the workspace's business-hours zone, or in the browser's own zone until the policy has loaded. */
export function formatInstant(iso: string, hours: BusinessHours | null): string {
  const at = Date.parse(iso);
  if (hours) return formatLocal(at, hours);
  return new Date(at).toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Where a lead stands, in the words of the queue: escalated and overdue say by how much, a due clock how long is
 * left (or, out of hours, when it is due), a quiet lead for how many days; a lead with nothing due says how its
 * clock ended.
 */
export function urgencyText(status: FollowUpStatusView, hours: BusinessHours | null = null): UrgencyText {
  const { clock, quiet } = status;
  switch (status.urgency) {
    case 'escalated':
      return {
        label: 'Escalated',
        detail: `overdue by ${formatBusinessMinutes(clock?.overdueMinutes ?? 0)} of business time`,
        tone: 'danger',
      };
    case 'overdue':
      return {
        label: 'Overdue',
        detail: `by ${formatBusinessMinutes(clock?.overdueMinutes ?? 0)} of business time`,
        tone: 'danger',
      };
    case 'due':
      return {
        label: 'Due',
        detail: status.openNow
          ? `in ${formatBusinessMinutes(clock?.minutesLeft ?? 0)} of business time`
          : clock
            ? `at ${formatInstant(clock.dueAt, hours)}; closed now`
            : 'soon',
        tone: 'warn',
      };
    case 'gone_quiet':
      return { label: 'Gone quiet', detail: `for ${plural(quiet?.days ?? 0, 'day')}`, tone: 'quiet' };
    case 'long_quiet':
      return {
        label: 'Long quiet',
        detail: `for ${plural(quiet?.days ?? 0, 'day')}, past the give-up limit`,
        tone: 'quiet',
      };
    case 'none':
      if (clock?.state === 'met')
        return {
          label: 'Answered',
          detail: `in ${formatBusinessMinutes(clock.elapsedMinutes)} (target ${clock.targetMinutes} min)`,
          tone: 'ok',
        };
      if (clock?.state === 'late')
        return {
          label: 'Answered late',
          detail: `after ${formatBusinessMinutes(clock.elapsedMinutes)} (target ${clock.targetMinutes} min)`,
          tone: 'warn',
        };
      if (clock?.state === 'stopped') return { label: 'Clock stopped', detail: '', tone: 'muted' };
      return { label: 'Nothing due', detail: '', tone: 'muted' };
  }
}

export interface QueueChip {
  /** Undefined for "All". */
  kind: FollowUpQueueKind | undefined;
  label: string;
  count: number | null;
}

/**
 * The filter chips with their counts. The server's kinds overlap on purpose: speed to lead is every waiting
 * hand-raiser, overdue includes the escalated ones, gone quiet includes the long-quiet ones.
 */
export function queueChips(counts: FollowUpQueue['counts']): QueueChip[] {
  const sum = (pick: (c: NonNullable<FollowUpQueue['counts']>) => number) => (counts ? pick(counts) : null);
  return [
    {
      kind: undefined,
      label: 'All',
      count: sum((c) => c.escalated + c.overdue + c.due + c.goneQuiet + c.longQuiet),
    },
    { kind: 'speed_to_lead', label: 'Speed to lead', count: sum((c) => c.escalated + c.overdue + c.due) },
    { kind: 'escalated', label: 'Escalated', count: sum((c) => c.escalated) },
    { kind: 'overdue', label: 'Overdue', count: sum((c) => c.escalated + c.overdue) },
    { kind: 'due', label: 'Due soon', count: sum((c) => c.due) },
    { kind: 'gone_quiet', label: 'Gone quiet', count: sum((c) => c.goneQuiet + c.longQuiet) },
  ];
}

export const TOUCH_LABELS: Record<TouchKind, string> = {
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  linkedin: 'LinkedIn',
};

/** What a logged touch did, said after the rep logs it: the clock it stopped, or the silence it ended. */
export function touchOutcome(kind: TouchKind, before: FollowUpStatusView, after: FollowUpStatusView): string {
  const logged = `${TOUCH_LABELS[kind]} logged.`;
  const wasWaiting =
    before.urgency === 'escalated' || before.urgency === 'overdue' || before.urgency === 'due';
  const answered = after.clock?.state === 'met' || after.clock?.state === 'late';
  if (wasWaiting && answered) return `${logged} The clock stopped: ${lowerFirst(after.clock!.why)}.`;
  if ((before.urgency === 'gone_quiet' || before.urgency === 'long_quiet') && after.urgency === 'none')
    return `${logged} The silence is over; the lead is off the follow-up queue.`;
  return logged;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** "Mon–Fri 09:00–17:00 (Europe/Warsaw)"; runs of consecutive days are joined, others listed. */
export function describeBusinessHours(hours: BusinessHours): string {
  if (hours.alwaysOpen) return 'Open around the clock';
  const indexes = WEEKDAYS.map((day, i) => (hours.days.includes(day) ? i : -1)).filter((i) => i >= 0);
  const runs: number[][] = [];
  for (const i of indexes) {
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  }
  const name = (i: number) => DAY_NAMES[WEEKDAYS[i]!];
  const days = runs
    .map((run) =>
      run.length >= 3 ? `${name(run[0]!)}–${name(run.at(-1)!)}` : run.map((i) => name(i)).join(', '),
    )
    .join(', ');
  return `${days} ${hours.start}–${hours.end} (${hours.timeZone})`;
}
