import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { type BusinessHours, minuteOfDay, WEEKDAYS, type Weekday } from './follow-up-policy';

export const MS_PER_MINUTE = 60_000;

/**
 * A calendar looks this far ahead (or back) for an open window before it gives up: with at least one working day
 * a week and at most 400 holidays the next window is always nearer.
 */
const MAX_DAYS_SEARCHED = 10 * 366;

interface LocalDay {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = ({ y, m, d }: LocalDay) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

/** Calendar arithmetic on a date with no zone: UTC has no daylight saving, so a day is always a day. */
const shiftDay = ({ y, m, d }: LocalDay, days: number): LocalDay => {
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};

const weekdayOf = ({ y, m, d }: LocalDay): Weekday =>
  WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;

/** An open window [start, end) in epoch milliseconds. */
type Window = readonly [number, number];

/** The working windows of one set of business hours, one per local day, computed once per day and kept. */
class BusinessCalendar {
  private readonly days: ReadonlySet<Weekday>;
  private readonly holidays: ReadonlySet<string>;
  private readonly windows = new Map<string, Window | null>();

  constructor(private readonly hours: BusinessHours) {
    this.days = new Set(hours.days);
    this.holidays = new Set(hours.holidays);
  }

  localDayOf(at: number): LocalDay {
    const [y, m, d] = formatInTimeZone(at, this.hours.timeZone, 'yyyy-MM-dd').split('-').map(Number);
    return { y: y!, m: m!, d: d! };
  }

  /** The instant a local wall-clock time of `day` happens; "24:00" is the next day's midnight. */
  private instant(day: LocalDay, clock: string): number {
    if (minuteOfDay(clock) === 24 * 60) return this.instant(shiftDay(day, 1), '00:00');
    return fromZonedTime(`${isoDay(day)}T${clock}:00`, this.hours.timeZone).getTime();
  }

  windowOf(day: LocalDay): Window | null {
    const key = isoDay(day);
    const known = this.windows.get(key);
    if (known !== undefined) return known;
    let window: Window | null = null;
    if (this.days.has(weekdayOf(day)) && !this.holidays.has(key)) {
      const start = this.instant(day, this.hours.start);
      const end = this.instant(day, this.hours.end);
      // A start inside a daylight-saving gap can land after a short day's end: that day has no window.
      if (end > start) window = [start, end];
    }
    // Bounded: a queue page asks about a few weeks around now.
    if (this.windows.size > 5_000) this.windows.clear();
    this.windows.set(key, window);
    return window;
  }

  /** Windows that end after `at`, in time order, starting with the one `at` may be in. */
  *forward(at: number): Generator<Window> {
    const first = this.localDayOf(at);
    for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
      const window = this.windowOf(shiftDay(first, i));
      if (window && window[1] > at) yield window;
    }
  }

  /** Windows that start before `at`, latest first. */
  *backward(at: number): Generator<Window> {
    const first = this.localDayOf(at);
    for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
      const window = this.windowOf(shiftDay(first, -i));
      if (window && window[0] < at) yield window;
    }
  }
}

// Policies are cached objects, so one calendar per business-hours object serves every lead of a queue page.
const calendars = new WeakMap<BusinessHours, BusinessCalendar>();
const calendarOf = (hours: BusinessHours): BusinessCalendar => {
  let calendar = calendars.get(hours);
  if (!calendar) {
    calendar = new BusinessCalendar(hours);
    calendars.set(hours, calendar);
  }
  return calendar;
};

/** Whether `at` falls in working time. */
export function isOpenAt(at: number, hours: BusinessHours): boolean {
  if (hours.alwaysOpen) return true;
  const calendar = calendarOf(hours);
  const window = calendar.windowOf(calendar.localDayOf(at));
  return window !== null && window[0] <= at && at < window[1];
}

/** The first working instant at or after `at` (`at` itself when open). Infinity if no working time is found. */
export function nextOpening(at: number, hours: BusinessHours): number {
  if (hours.alwaysOpen) return at;
  for (const [start] of calendarOf(hours).forward(at)) return Math.max(start, at);
  return Number.POSITIVE_INFINITY;
}

/**
 * The instant `minutes` business minutes after `at`: the earliest one with that much working time since `at`.
 * Outside working time the count starts at the next opening (a Friday-evening request plus 5 minutes is Monday
 * 09:05). Infinity if the calendar never opens.
 */
export function addBusinessMinutes(at: number, minutes: number, hours: BusinessHours): number {
  if (minutes <= 0) return at;
  if (hours.alwaysOpen) return at + minutes * MS_PER_MINUTE;
  let remaining = minutes * MS_PER_MINUTE;
  for (const [start, end] of calendarOf(hours).forward(at)) {
    const from = Math.max(start, at);
    if (remaining <= end - from) return from + remaining;
    remaining -= end - from;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * The latest instant with `minutes` business minutes between it and `at`. Anything that happened at or before it
 * has waited at least that long by `at`; anything after it has not.
 */
export function subtractBusinessMinutes(at: number, minutes: number, hours: BusinessHours): number {
  if (minutes <= 0) return at;
  if (hours.alwaysOpen) return at - minutes * MS_PER_MINUTE;
  let remaining = minutes * MS_PER_MINUTE;
  for (const [start, end] of calendarOf(hours).backward(at)) {
    const to = Math.min(end, at);
    if (remaining <= to - start) return to - remaining;
    remaining -= to - start;
  }
  return Number.NEGATIVE_INFINITY;
}

/** Working minutes between two instants (fractional; 0 when `to` is not after `from`). */
export function businessMinutesBetween(from: number, to: number, hours: BusinessHours): number {
  if (!(to > from)) return 0;
  if (hours.alwaysOpen) return (to - from) / MS_PER_MINUTE;
  let total = 0;
  for (const [start, end] of calendarOf(hours).forward(from)) {
    if (start >= to) break;
    total += Math.min(end, to) - Math.max(start, from);
  }
  return total / MS_PER_MINUTE;
}
