import * as chrono from 'chrono-node';
import {
  addDays,
  addMonths,
  compareDays,
  type Day,
  type DayRange,
  daysInMonth,
  formatDay,
  maxDay,
  monthRange,
  monthsRange,
  quarterOf,
  quarterRange,
  rangeThird,
  weekRange,
} from './calendar-math';
import type { DatePrecision, DateRangeValue } from './signal-types';

export interface DateMention {
  /** Offsets relative to the text searched. */
  start: number;
  end: number;
  phrase: string;
  value: DateRangeValue;
  /** "by", "before", "end of": the phrase sets a deadline rather than naming a period. */
  deadline: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_WORD =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  'a couple of': 2,
  'couple of': 2,
  'a few': 3,
  few: 3,
};
const NUMBER_WORD = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

type Core = { range: DayRange; precision: DatePrecision } | null;
type CoreResolver = (match: RegExpExecArray, ref: Day) => Core;

function monthIndex(word: string): number {
  const lower = word.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

/** The first candidate whose end is not before the reference day ("Q3" said in November is next year's). */
function nextOccurrence(ref: Day, build: (y: number) => DayRange): DayRange {
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    const range = build(y);
    if (compareDays(range.end, ref) >= 0) return range;
  }
  return build(ref.y + 1);
}

function explicitYear(raw: string | undefined): number | null {
  if (!raw) return null;
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 2) return 2000 + Number(digits);
  return digits.length === 4 ? Number(digits) : null;
}

const ORDINAL: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

const SEASON_START: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

interface CorePattern {
  pattern: RegExp;
  resolve: CoreResolver;
}

/** Periods named in a sentence. Modifiers before them (by, end of, early...) are read separately. */
const CORE_PATTERNS: CorePattern[] = [
  {
    // Q3, Q1 2027, Q2 FY27
    pattern: /\b[Qq]([1-4])\b(?:\s*(?:of\s+)?(?:FY\s*)?('?\d{2}\b|20\d\d\b))?/g,
    resolve: (m, ref) => {
      const q = Number(m[1]);
      const year = explicitYear(m[2]);
      return {
        range: year ? quarterRange(year, q) : nextOccurrence(ref, (y) => quarterRange(y, q)),
        precision: 'quarter',
      };
    },
  },
  {
    pattern:
      /\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+of\s+(?:(this|next)\s+year|(20\d\d)))?/gi,
    resolve: (m, ref) => {
      const q = ORDINAL[(m[1] ?? '').toLowerCase()] ?? 1;
      const year = m[3] ? Number(m[3]) : m[2]?.toLowerCase() === 'next' ? ref.y + 1 : m[2] ? ref.y : null;
      return {
        range: year ? quarterRange(year, q) : nextOccurrence(ref, (y) => quarterRange(y, q)),
        precision: 'quarter',
      };
    },
  },
  {
    pattern: /\b(?:(this|next|current|following|coming)\s+quarter|EOQ)\b|(?<=\bend of )the quarter\b/gi,
    resolve: (m, ref) => {
      const shift = /next|following|coming/i.test(m[1] ?? '') ? 1 : 0;
      const index = ref.y * 4 + quarterOf(ref) - 1 + shift;
      return { range: quarterRange(Math.floor(index / 4), (index % 4) + 1), precision: 'quarter' };
    },
  },
  {
    pattern:
      /\b(?:H([12])(?:\s*(20\d\d))?|(first|second)\s+half(?:\s+of\s+(?:(this|next)\s+year|the\s+year|(20\d\d)))?)\b/g,
    resolve: (m, ref) => {
      const half = m[1] ? Number(m[1]) : m[3]?.toLowerCase() === 'first' ? 1 : 2;
      const year = m[2]
        ? Number(m[2])
        : m[5]
          ? Number(m[5])
          : m[4] === 'next'
            ? ref.y + 1
            : m[4]
              ? ref.y
              : null;
      const build = (y: number) => monthsRange(y, half === 1 ? 1 : 7, 6);
      return { range: year ? build(year) : nextOccurrence(ref, build), precision: 'half' };
    },
  },
  {
    pattern:
      /\b(?:(this|next|the coming|coming)\s+year\b|the\s+new\s+year\b|year[- ]end\b|EOY\b)|(?<=\bend of )the year\b/gi,
    resolve: (m, ref) => {
      const next = /next|coming|new/i.test(m[1] ?? m[0]);
      return { range: monthsRange(next ? ref.y + 1 : ref.y, 1, 12), precision: 'year' };
    },
  },
  {
    pattern: /\b(?:(this|next)\s+month|EOM)\b|(?<=\bend of )the month\b/gi,
    resolve: (m, ref) => {
      const month = addMonths({ y: ref.y, m: ref.m, d: 1 }, m[1]?.toLowerCase() === 'next' ? 1 : 0);
      return { range: monthRange(month.y, month.m), precision: 'month' };
    },
  },
  {
    pattern: new RegExp(
      `\\b(first|second|third|fourth|last)\\s+week\\s+of\\s+(${MONTH_WORD})\\b(?:,?\\s+(20\\d\\d))?`,
      'g',
    ),
    resolve: (m, ref) => {
      const month = monthIndex(m[2] ?? '');
      const year = m[3] ? Number(m[3]) : null;
      const build = (y: number) => monthRange(y, month);
      const whole = year ? build(year) : nextOccurrence(ref, build);
      const last = daysInMonth(whole.start.y, month);
      const which = (m[1] ?? '').toLowerCase();
      const first = which === 'last' ? last - 6 : ((ORDINAL[which] ?? 1) - 1) * 7 + 1;
      return {
        range: { start: { ...whole.start, d: first }, end: { ...whole.start, d: Math.min(last, first + 6) } },
        precision: 'week',
      };
    },
  },
  {
    // "1 September 2027", "15th of March", "March 3rd", "June 30", "October", "January 2028"
    pattern: new RegExp(
      `(?:\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?\\b(${MONTH_WORD})\\b(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![\\d%]|\\s*(?:k|m|%)\\b))?(?:,?\\s+(20\\d\\d)\\b)?`,
      'gi',
    ),
    resolve: (m, ref) => {
      const word = m[2] ?? '';
      // "may" and "march" are also verbs, and three-letter abbreviations collide with words: capitals only.
      const capitalised = word[0] === word[0]?.toUpperCase();
      if (/^(may|march)$/i.test(word) && !capitalised) return null;
      const month = monthIndex(word);
      const year = m[4] ? Number(m[4]) : null;
      const dayNumber = Number(m[1] ?? m[3] ?? 0);
      // "Jan" and "Mar" are also names and words: an abbreviation needs a capital and a day or a year.
      if (!MONTHS.includes(word.toLowerCase()) && (!capitalised || (!dayNumber && !year))) return null;
      if (dayNumber > 0) {
        if (dayNumber > 31) return null;
        const build = (y: number): DayRange => {
          const day = { y, m: month, d: Math.min(dayNumber, daysInMonth(y, month)) };
          return { start: day, end: day };
        };
        return { range: year ? build(year) : nextOccurrence(ref, build), precision: 'day' };
      }
      const build = (y: number) => monthRange(y, month);
      return { range: year ? build(year) : nextOccurrence(ref, build), precision: 'month' };
    },
  },
  {
    // 2027, early 2027, mid-2027 (not amounts such as "2,000" or "$2030")
    pattern:
      /(?<![\d,.$€£¥])\b(20[2-4]\d)\b(?![\d,%]|\s*(?:leads|contacts|accounts|users|seats|people|employees))/g,
    resolve: (m) => ({ range: monthsRange(Number(m[1]), 1, 12), precision: 'year' }),
  },
  {
    pattern: /\b(this|next)\s+week\b/gi,
    resolve: (m, ref) => {
      const week = weekRange(m[1]?.toLowerCase() === 'next' ? addDays(ref, 7) : ref);
      return { range: week, precision: 'week' };
    },
  },
  {
    pattern: /\b(?:(this|next|the|in|by|until)\s+)?(spring|summer|autumn|fall|winter)\b(?:\s+(20\d\d))?/gi,
    resolve: (m, ref) => {
      const season = (m[2] ?? '').toLowerCase();
      if (season === 'fall' && !m[1]) return null;
      const startMonth = SEASON_START[season] ?? 6;
      const build = (y: number) => monthsRange(y, startMonth, 3);
      if (m[3]) return { range: build(Number(m[3])), precision: 'season' };
      if (m[1]?.toLowerCase() === 'next') {
        for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
          const range = build(y);
          if (compareDays(range.start, ref) > 0) return { range, precision: 'season' };
        }
      }
      return { range: nextOccurrence(ref, build), precision: 'season' };
    },
  },
  {
    // within six weeks, in the next two months, over the next 90 days, in a couple of weeks
    pattern: new RegExp(
      `\\b(?:within|in|inside|over|during)\\s+(?:the\\s+)?(?:next\\s+|coming\\s+)?(\\d+|${NUMBER_WORD})\\s+(days?|weeks?|months?|quarters?|years?)\\b`,
      'gi',
    ),
    resolve: (m, ref) => {
      const raw = (m[1] ?? '').toLowerCase();
      const count = /^\d+$/.test(raw) ? Number(raw) : (NUMBER_WORDS[raw] ?? 0);
      const unit = (m[2] ?? '').toLowerCase().replace(/s$/, '');
      // "within a day" is a service level, not a buying timeline.
      if (count <= 0 || (unit === 'day' && count < 2)) return null;
      const end =
        unit === 'day'
          ? addDays(ref, count)
          : unit === 'week'
            ? addDays(ref, count * 7)
            : addMonths(ref, count * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
      return { range: { start: ref, end }, precision: 'duration' };
    },
  },
];

const DEADLINE_END =
  /\b(?:by|before|until|till|no later than|ahead of)\s+(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\s+(?:the\s+)?$/i;
const END_OF = /\b(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?$/i;
const BY = /\b(?:by|no later than)\s+(?:the\s+)?$/i;
const BEFORE = /\b(?:before|ahead of|prior to)\s+(?:the\s+)?$/i;
const PART = /\b(early|beginning of|start of|mid|middle of|late)\s*-?\s*(?:the\s+)?$/i;
const UNTIL = /\b(?:until|till|by|before|in|for|from|starting|during)\s+(?:the\s+)?$/i;

function applyModifiers(
  before: string,
  core: NonNullable<Core>,
  ref: Day,
): { range: DayRange; precision: DatePrecision; deadline: boolean; consumed: number } {
  let { range } = core;
  let rest = before;
  let consumed = 0;
  const take = (match: RegExpExecArray | null) => {
    if (!match) return false;
    consumed += match[0].length;
    rest = rest.slice(0, rest.length - match[0].length);
    return true;
  };

  const part = PART.exec(rest);
  if (part && core.precision !== 'day' && core.precision !== 'duration' && core.precision !== 'week') {
    const word = (part[1] ?? '').toLowerCase();
    const index = word === 'late' ? 2 : word.startsWith('mid') ? 1 : 0;
    range = rangeThird(range, index, core.precision);
    take(part);
  }
  const deadlineEnd = DEADLINE_END.exec(rest) ?? END_OF.exec(rest) ?? BY.exec(rest);
  if (deadlineEnd && core.precision !== 'duration') {
    take(deadlineEnd);
    return { range: { start: ref, end: range.end }, precision: core.precision, deadline: true, consumed };
  }
  const before_ = BEFORE.exec(rest);
  if (before_ && core.precision !== 'duration') {
    take(before_);
    return {
      range: { start: ref, end: addDays(range.start, -1) },
      precision: core.precision,
      deadline: true,
      consumed,
    };
  }
  take(UNTIL.exec(rest));
  return { range, precision: core.precision, deadline: core.precision === 'duration', consumed };
}

const CHRONO_HINT =
  /\b(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})\b/i;
const WEEKDAY_ONLY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const CHRONO_TEXT =
  /\b(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\d[/.-]\d{1,2}[/.-]\d/i;

/** Weekdays, "tomorrow" and numeric dates are chrono-node's strength; the rest is ours. */
function chronoMentions(text: string, ref: Day): { start: number; end: number; day: Day }[] {
  if (!CHRONO_HINT.test(text)) return [];
  const instant = new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12));
  return (
    chrono
      .parse(text, { instant, timezone: 0 }, { forwardDate: true })
      .filter((result) => CHRONO_TEXT.test(result.text))
      // A bare weekday is often a habit ("most of Monday"); take it only when it points at one day.
      .filter(
        (result) =>
          !WEEKDAY_ONLY.test(result.text) ||
          /\b(?:on|by|before|until|till|this|next|coming)\s+$/i.test(
            text.slice(Math.max(0, result.index - 10), result.index),
          ),
      )
      .filter(
        (result) =>
          !/\b(?:black|good|cyber)\s+$/i.test(text.slice(Math.max(0, result.index - 8), result.index)),
      )
      .map((result) => {
        const date = result.start.date();
        return {
          start: result.index,
          end: result.index + result.text.length,
          day: { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() },
        };
      })
  );
}

/**
 * Finds the dates, periods and durations in `text` and resolves each to a concrete range on or after the
 * reference day. Periods already over ("last quarter", "in March" said in May... of a past year) are dropped.
 */
export function findDateMentions(text: string, ref: Day): DateMention[] {
  const found: DateMention[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);

  const add = (start: number, end: number, range: DayRange, precision: DatePrecision, deadline: boolean) => {
    if (overlaps(start, end) || compareDays(range.end, ref) < 0) return;
    const clamped = { start: maxDay(range.start, ref), end: range.end };
    if (compareDays(clamped.start, clamped.end) > 0) return;
    taken.push([start, end]);
    found.push({
      start,
      end,
      phrase: text.slice(start, end),
      value: { kind: 'date_range', start: formatDay(clamped.start), end: formatDay(clamped.end), precision },
      deadline,
    });
  };

  for (const mention of chronoMentions(text, ref)) {
    const before = text.slice(Math.max(0, mention.start - 20), mention.start);
    const by = /\b(?:by|before|no later than)\s+$/i.exec(before);
    const start = by ? mention.start - by[0].length : mention.start;
    add(start, mention.end, { start: by ? ref : mention.day, end: mention.day }, 'day', Boolean(by));
  }

  for (const { pattern, resolve } of CORE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const core = resolve(match, ref);
      if (!core) continue;
      if (/\b(?:last|previous|past)\s+$/i.test(text.slice(Math.max(0, match.index - 10), match.index)))
        continue;
      const before = text.slice(Math.max(0, match.index - 40), match.index);
      const modified = applyModifiers(before, core, ref);
      add(
        match.index - modified.consumed,
        match.index + match[0].length,
        modified.range,
        modified.precision,
        modified.deadline,
      );
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
