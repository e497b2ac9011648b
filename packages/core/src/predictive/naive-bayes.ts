import { dateBins, type FieldEncoder, fitEncoders, isNumericEncoder, readNumeric } from './feature-encoder';
import type { FieldSpec } from './field-spec';
import { sigmoid } from './logistic-math';
import { cellText, levelKey, parseBoolean, splitMulti } from './value-parse';

/**
 * The baseline used by open-source CRMs (Odoo's predictive lead scoring): won/lost frequency counts
 * per field value with additive smoothing, combined as p = Pw·∏P(v|won) / (Pw·∏P(v|won) + Pl·∏P(v|lost)).
 * Values never seen in training are skipped, as Odoo does. Numbers are counted per quantile bin.
 */

export const NAIVE_BAYES_ALPHA = 0.1;

export type NaiveBayesField = {
  field: string;
  /** value key → [won count, lost count] */
  counts: Record<string, [number, number]>;
  /** Number of distinct value keys (for the smoothing denominator). */
  levels: number;
};

export type NaiveBayesModel = {
  kind: 'naive-bayes';
  alpha: number;
  won: number;
  lost: number;
  encoders: FieldEncoder[];
  fields: NaiveBayesField[];
};

const MISSING_KEY = '(missing)';

function valueKeys(encoder: FieldEncoder, value: unknown): string[] {
  if (isNumericEncoder(encoder)) {
    const number = readNumeric(encoder, value);
    if (number === null) return [MISSING_KEY];
    let bin = 0;
    while (bin < encoder.linearEdges.length && encoder.linearEdges[bin]! < number) bin++;
    return [`bin ${bin}`];
  }
  if (encoder.kind === 'date') {
    const [month] = dateBins(encoder, value);
    return [month === 0 ? MISSING_KEY : `month ${month}`];
  }
  if (encoder.kind === 'multi') {
    const items = splitMulti(value);
    return items.length === 0 ? [MISSING_KEY] : [...new Set(items.map(levelKey))];
  }
  if (encoder.kind === 'boolean') {
    const parsed = parseBoolean(value);
    if (parsed !== null) return [parsed ? 'yes' : 'no'];
  }
  const text = cellText(value);
  return [text === null ? MISSING_KEY : levelKey(text)];
}

export function trainNaiveBayes(
  rows: readonly Record<string, unknown>[],
  outcomes: readonly boolean[],
  fields: readonly FieldSpec[],
  options: { alpha?: number; encoders?: FieldEncoder[] } = {},
): NaiveBayesModel {
  const encoders = options.encoders ?? fitEncoders(rows, fields);
  let won = 0;
  for (const outcome of outcomes) if (outcome) won++;
  const modelFields = encoders.map((encoder): NaiveBayesField => {
    const counts = new Map<string, [number, number]>();
    rows.forEach((row, i) => {
      for (const key of valueKeys(encoder, row[encoder.field])) {
        let entry = counts.get(key);
        if (!entry) {
          entry = [0, 0];
          counts.set(key, entry);
        }
        entry[outcomes[i] ? 0 : 1]++;
      }
    });
    return { field: encoder.field, counts: Object.fromEntries(counts), levels: counts.size };
  });
  return {
    kind: 'naive-bayes',
    alpha: options.alpha ?? NAIVE_BAYES_ALPHA,
    won,
    lost: outcomes.length - won,
    encoders,
    fields: modelFields,
  };
}

/** P(won) for one row. */
export function scoreNaiveBayes(model: NaiveBayesModel, row: Record<string, unknown>): number {
  const { alpha, won, lost } = model;
  if (won === 0 || lost === 0) return won > 0 ? 1 : 0;
  let logOdds = Math.log(won / lost);
  model.fields.forEach((field, f) => {
    const encoder = model.encoders[f]!;
    const wonTotal = won + alpha * field.levels;
    const lostTotal = lost + alpha * field.levels;
    for (const key of valueKeys(encoder, row[field.field])) {
      const counts = Object.hasOwn(field.counts, key) ? field.counts[key] : undefined;
      if (!counts) continue;
      logOdds += Math.log((counts[0] + alpha) / wonTotal) - Math.log((counts[1] + alpha) / lostTotal);
    }
  });
  return sigmoid(logOdds);
}
