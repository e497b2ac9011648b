/**
 * Cell values arrive as strings (CSV), numbers, booleans or null (API). These helpers read them the
 * same way at training and at scoring time, so a value means the same thing in both.
 */

/** Placeholders that forms and exports store when nobody chose anything. */
const MISSING_PLACEHOLDERS = new Set([
  '',
  'select',
  '-- select --',
  '--select--',
  'please select',
  'choose',
  'none selected',
  'not selected',
  'n/a',
  'na',
  'nan',
  'null',
  'none',
  'undefined',
  '-',
  '--',
  '?',
  '#n/a',
  'unknown',
  'not provided',
]);

export function isMissingValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value === 'string') return MISSING_PLACEHOLDERS.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Text of a present value, trimmed; null when missing. */
export function cellText(value: unknown): string | null {
  if (isMissingValue(value)) return null;
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Levels compare case- and space-insensitively ("Google" and "google " are one source). */
export function levelKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const THOUSANDS_COMMA = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const THOUSANDS_DOT = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const THOUSANDS_SPACE = /^[-+]?\d{1,3}([  ']\d{3})+([.,]\d+)?$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;

export type NumberStyle = 'dot' | 'comma';

/**
 * Parses "1,234.5", "1.234,5" (style 'comma'), "12 %", "$3,000", "-4e2". Returns null for anything else.
 * `style` says which character is the decimal mark when a value alone is ambiguous ("1,234").
 */
export function parseNumber(value: unknown, style: NumberStyle = 'dot'): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return null;
  if (typeof value !== 'string') return null;
  let text = value.trim();
  if (text === '') return null;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = text.replace(/^[$€£¥₹]\s*|\s*[$€£¥₹%]$/g, '').replace(/\s*(usd|eur|gbp|pln|inr)$/i, '');
  let parsed: number | null = null;
  if (PLAIN_NUMBER.test(text)) {
    parsed = Number(text);
  } else if (style === 'dot' && THOUSANDS_COMMA.test(text)) {
    parsed = Number(text.replace(/,/g, ''));
  } else if (style === 'comma' && THOUSANDS_DOT.test(text)) {
    parsed = Number(text.replace(/\./g, '').replace(',', '.'));
  } else if (THOUSANDS_SPACE.test(text)) {
    parsed = Number(text.replace(/[  ']/g, '').replace(',', '.'));
  } else if (DECIMAL_COMMA.test(text)) {
    parsed = Number(text.replace(',', '.'));
  }
  if (parsed === null || !Number.isFinite(parsed)) return null;
  return negative ? -parsed : parsed;
}

const ISO_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export type DateOrder = 'dmy' | 'mdy';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of an ISO or d/m/y (m/d/y) date; null when the value is not a date. */
export function parseDateDays(value: unknown, order: DateOrder = 'dmy'): number | null {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isFinite(time) ? time / MS_PER_DAY : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let year: number;
  let month: number;
  let day: number;
  let hour = 0;
  let minute = 0;
  let second = 0;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
    hour = Number(iso[4] ?? 0);
    minute = Number(iso[5] ?? 0);
    second = Number(iso[6] ?? 0);
  } else {
    const slash = SLASH_DATE.exec(text);
    if (!slash) return null;
    const first = Number(slash[1]);
    const secondPart = Number(slash[2]);
    year = Number(slash[3]);
    const dayFirst = order === 'dmy' ? first <= 31 && secondPart <= 12 : first > 12;
    day = dayFirst ? first : secondPart;
    month = dayFirst ? secondPart : first;
    hour = Number(slash[4] ?? 0);
    minute = Number(slash[5] ?? 0);
    second = Number(slash[6] ?? 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return time / MS_PER_DAY;
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', 't', '1', 'on', 'tak', 'oui', 'ja', 'si', 'sí']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'f', '0', 'off', 'nie', 'non', 'nein']);

export function parseBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const key = value.trim().toLowerCase();
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return null;
}

/** Items of a multi-valued cell: an array, or text separated by ';' or '|'. */
export function splitMulti(value: unknown): string[] {
  if (isMissingValue(value)) return [];
  const items = Array.isArray(value) ? value.map((item) => String(item)) : String(value).split(/[;|]/);
  return items.map((item) => item.trim()).filter((item) => !isMissingValue(item));
}
