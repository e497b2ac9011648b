import { checkLeakage, type FieldSpec } from './field-spec';
import { cellText, levelKey, parseBoolean, parseDateDays, parseNumber } from './value-parse';

export type InferFieldSpecsOptions = {
  /** Columns never to use (the target, ids the caller knows about). */
  exclude?: readonly string[];
  /** At most this many rows, spread over the data, are inspected. */
  sampleSize?: number;
};

export type DroppedField = { name: string; reason: string };
export type FieldInference = { fields: FieldSpec[]; dropped: DroppedField[] };

const ID_LIKE_NAME = /(^|[^a-z])(id|uuid|guid|key|number|no|nr|code|ref|reference)$/i;
const MULTI_SEPARATOR = /[;|]/;

function sampleRows(rows: readonly Record<string, unknown>[], size: number): Record<string, unknown>[] {
  if (rows.length <= size) return [...rows];
  const step = rows.length / size;
  const sample: Record<string, unknown>[] = [];
  for (let i = 0; i < size; i++) sample.push(rows[Math.floor(i * step)]!);
  return sample;
}

function columnNames(rows: readonly Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const row of rows.slice(0, 1000)) for (const name of Object.keys(row)) names.add(name);
  return [...names];
}

function share(values: readonly string[], test: (text: string) => boolean): number {
  if (values.length === 0) return 0;
  let hits = 0;
  for (const value of values) if (test(value)) hits++;
  return hits / values.length;
}

type ColumnVerdict = { spec: FieldSpec } | { dropped: string };

function inferColumn(name: string, raw: readonly unknown[]): ColumnVerdict {
  const present: string[] = [];
  for (const value of raw) {
    const text = cellText(value);
    if (text !== null) present.push(text);
  }
  if (present.length === 0) return { dropped: 'always empty' };
  const missingShare = 1 - present.length / raw.length;
  const distinct = new Set(present.map(levelKey));
  if (distinct.size === 1) {
    if (missingShare < 0.01) return { dropped: `always "${present[0]}"` };
    return { spec: { name, kind: 'categorical' } };
  }
  if (distinct.size <= 2 && share(present, (text) => parseBoolean(text) !== null) === 1) {
    return { spec: { name, kind: 'boolean' } };
  }
  const commaDecimals = share(present, (text) => /^[-+]?\d+,\d{1,2}$|^[-+]?\d+,\d{4,}$/.test(text)) > 0.05;
  const numberStyle = commaDecimals ? 'comma' : 'dot';
  if (share(present, (text) => parseNumber(text, numberStyle) !== null) >= 0.98) {
    const numbers = present.map((text) => parseNumber(text, numberStyle) ?? Number.NaN);
    const integers = numbers.every((n) => Number.isNaN(n) || Number.isInteger(n));
    const uniqueShare = new Set(numbers).size / numbers.length;
    if (integers && uniqueShare >= 0.98 && present.length >= 50 && ID_LIKE_NAME.test(name.trim())) {
      return { dropped: 'an identifier (a unique number per row)' };
    }
    return { spec: { name, kind: 'numeric' } };
  }
  if (share(present, (text) => parseDateDays(text) !== null) >= 0.95) {
    return { spec: { name, kind: 'date' } };
  }
  const multiShare = share(present, (text) => MULTI_SEPARATOR.test(text));
  if (multiShare >= 0.2) {
    const tokens = new Set<string>();
    for (const text of present) for (const item of text.split(MULTI_SEPARATOR)) tokens.add(levelKey(item));
    if (tokens.size <= distinct.size) return { spec: { name, kind: 'multi' } };
  }
  const distinctShare = distinct.size / present.length;
  if (distinct.size > 50 && distinctShare > 0.5) {
    return { dropped: `identifier-like text (${distinct.size} distinct values in ${present.length})` };
  }
  if (ID_LIKE_NAME.test(name.trim()) && distinctShare > 0.9 && present.length >= 20) {
    return { dropped: 'an identifier (a different value on almost every row)' };
  }
  return { spec: { name, kind: 'categorical' } };
}

/**
 * Guesses how each column should enter the model: numbers (also "1,234" or "12 %"), yes/no flags,
 * dates, multi-valued lists, categories. Identifiers, constant and empty columns are dropped with a
 * reason; post-outcome columns are kept but flagged `postOutcome` so the leakage guard skips them.
 */
export function inferFieldSpecs(
  rows: readonly Record<string, unknown>[],
  options: InferFieldSpecsOptions = {},
): FieldInference {
  const excluded = new Set((options.exclude ?? []).map((name) => name.trim()));
  const sample = sampleRows(rows, options.sampleSize ?? 20_000);
  const fields: FieldSpec[] = [];
  const dropped: DroppedField[] = [];
  for (const name of columnNames(rows)) {
    if (excluded.has(name.trim())) continue;
    const verdict = inferColumn(
      name,
      sample.map((row) => row[name]),
    );
    if ('dropped' in verdict) {
      dropped.push({ name, reason: verdict.dropped });
      continue;
    }
    const leakage = checkLeakage(verdict.spec);
    fields.push(leakage.leaky ? { ...verdict.spec, postOutcome: true } : verdict.spec);
  }
  return { fields, dropped };
}
