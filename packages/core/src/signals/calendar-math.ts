/** Calendar arithmetic on UTC days, so no time zone or clock of the machine leaks into a decision. */
export interface Day {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

export interface DayRange {
  start: Day;
  end: Day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDay(value: string): Day {
  const match = ISO_DATE.exec(value);
  if (!match) throw new Error(`referenceDate must be YYYY-MM-DD, got "${value}"`);
  const day = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  if (day.m < 1 || day.m > 12 || day.d < 1 || day.d > daysInMonth(day.y, day.m)) {
    throw new Error(`referenceDate is not a calendar date: "${value}"`);
  }
  return day;
}

export function formatDay(day: Day): string {
  return `${String(day.y).padStart(4, '0')}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const toEpochDay = (day: Day): number => Date.UTC(day.y, day.m - 1, day.d) / 86_400_000;
const fromEpochDay = (n: number): Day => {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};

export const compareDays = (a: Day, b: Day): number => toEpochDay(a) - toEpochDay(b);
export const addDays = (day: Day, n: number): Day => fromEpochDay(toEpochDay(day) + n);
export const maxDay = (a: Day, b: Day): Day => (compareDays(a, b) >= 0 ? a : b);

/** Adds calendar months, clamping the day ("31 January + 1 month" is the last day of February). */
export function addMonths(day: Day, n: number): Day {
  const index = day.y * 12 + (day.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(day.d, daysInMonth(y, m)) };
}

export const monthRange = (y: number, m: number): DayRange => ({
  start: { y, m, d: 1 },
  end: { y, m, d: daysInMonth(y, m) },
});

/** A span of whole months starting at month `m` of year `y` (m may exceed 12). */
export function monthsRange(y: number, m: number, count: number): DayRange {
  const first = addMonths({ y, m: 1, d: 1 }, m - 1);
  const last = addMonths(first, count - 1);
  return { start: first, end: { ...last, d: daysInMonth(last.y, last.m) } };
}

export const quarterRange = (y: number, q: number): DayRange => monthsRange(y, (q - 1) * 3 + 1, 3);
export const quarterOf = (day: Day): number => Math.floor((day.m - 1) / 3) + 1;

/** Monday-to-Sunday week containing `day`. */
export function weekRange(day: Day): DayRange {
  const weekday = (new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() + 6) % 7;
  const start = addDays(day, -weekday);
  return { start, end: addDays(start, 6) };
}

/** The first, middle or last third of a range (early / mid / late). */
export function rangeThird(range: DayRange, part: 0 | 1 | 2, precision: string): DayRange {
  const months =
    (range.end.y - range.start.y) * 12 + (range.end.m - range.start.m) + (range.start.d === 1 ? 1 : 0);
  if (precision === 'month' || months < 3) {
    const { y, m } = range.start;
    const last = daysInMonth(y, m);
    const bounds: [number, number][] = [
      [1, 10],
      [11, 20],
      [21, last],
    ];
    const [from, to] = bounds[part] ?? [1, last];
    return { start: { y, m, d: from }, end: { y, m, d: to } };
  }
  const size = Math.floor(months / 3);
  const first = addMonths({ ...range.start, d: 1 }, part * size);
  return monthsRange(first.y, first.m, part === 2 ? months - 2 * size : size);
}
