import { readFileSync } from 'node:fs';
import { cellText, createSeededRandom, shuffledIndices } from '@triage/core';
import { parse } from 'csv-parse/sync';
import { sniffDelimiter } from './sniff-delimiter';

export type CsvRow = Record<string, string>;

/**
 * Reads a CSV with a header row; a byte-order mark and ragged rows are tolerated. Without a delimiter, the header
 * line decides (sniffDelimiter).
 */
export function readCsvRows(
  path: string,
  delimiter?: string,
): { columns: string[]; rows: CsvRow[]; delimiter: string } {
  const text = readFileSync(path, 'utf8');
  const used = delimiter ?? sniffDelimiter(text);
  const rows = parse(text, {
    columns: (header: string[]) => header.map((name) => name.trim()),
    bom: true,
    delimiter: used,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: false,
  }) as CsvRow[];
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return { columns, rows, delimiter: used };
}

export type TargetSelection = {
  rows: CsvRow[];
  outcomes: boolean[];
  /** Rows left out: empty target, or a value that is neither positive nor (when given) negative. */
  skipped: number;
};

/**
 * Turns the target column into outcomes. Rows with an empty target are skipped; any other value than
 * `positive` is a negative, unless `negatives` lists the values that count (then others are skipped,
 * e.g. open deals when the target is Won vs Lost).
 */
export function selectTarget(
  rows: readonly CsvRow[],
  target: string,
  positive: string,
  negatives: readonly string[] = [],
): TargetSelection {
  if (rows.length > 0 && !(target in rows[0]!)) {
    throw new Error(
      `target column "${target}" is not in the file (columns: ${Object.keys(rows[0]!).join(', ')})`,
    );
  }
  const key = (value: string) => value.trim().toLowerCase();
  const positiveKey = key(positive);
  const negativeKeys = new Set(negatives.map(key));
  const kept: CsvRow[] = [];
  const outcomes: boolean[] = [];
  let skipped = 0;
  for (const row of rows) {
    const value = cellText(row[target]);
    if (value === null) {
      skipped++;
      continue;
    }
    const valueKey = key(value);
    const isPositive =
      valueKey === positiveKey ||
      (Number(valueKey) === Number(positiveKey) && valueKey !== '' && !Number.isNaN(Number(valueKey)));
    if (!isPositive && negativeKeys.size > 0 && !negativeKeys.has(valueKey)) {
      skipped++;
      continue;
    }
    kept.push(row);
    outcomes.push(isPositive);
  }
  return { rows: kept, outcomes, skipped };
}

export const SPLIT_KINDS = ['random', 'ordered'] as const;
export type SplitKind = (typeof SPLIT_KINDS)[number];

export type SplitOptions = { split: SplitKind; seed: number; testFraction: number };

/** Train and test row indices: a seeded random split, or file order with the last rows as the test set. */
export function splitRows(n: number, options: SplitOptions): { train: number[]; test: number[] } {
  if (!(options.testFraction > 0 && options.testFraction < 1)) {
    throw new Error(`--test-fraction must be between 0 and 1 (got ${options.testFraction})`);
  }
  const testSize = Math.round(n * options.testFraction);
  if (options.split === 'ordered') {
    const cut = n - testSize;
    return {
      train: Array.from({ length: cut }, (_, i) => i),
      test: Array.from({ length: testSize }, (_, i) => cut + i),
    };
  }
  const order = Array.from(shuffledIndices(n, createSeededRandom(options.seed)));
  return {
    train: order.slice(testSize).sort((a, b) => a - b),
    test: order.slice(0, testSize).sort((a, b) => a - b),
  };
}
