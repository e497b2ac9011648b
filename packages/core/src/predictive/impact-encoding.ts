import type { CategoricalEncoder, FieldEncoder } from './feature-encoder';
import { quantileCuts } from './quantile-cuts';
import { createRandom } from './random';
import { cellText, levelKey, parseBoolean } from './value-parse';

/**
 * Impact (target) encoding of a many-valued categorical field: each value becomes the smoothed
 * log-odds shift of the leads that had it, relative to the base rate. It lets the model use values
 * too rare to get a level of their own (a company, a city, a job title seen a dozen times), which
 * would otherwise be pooled into "other".
 *
 * The shift of a value seen on n leads with k conversions is
 * logit((k + m·p) / (n + m)) − logit(p), with p the base rate and m the smoothing weight: a value seen
 * rarely stays close to 0. On the training rows the shifts are computed out of fold (each row's shift
 * comes from the other folds' rows), so a row's own outcome never leaks into its own input.
 */
export type ImpactEncoding = {
  /** Value keys with their shift; values not listed (unseen, too rare) read as 0. */
  keys: string[];
  shifts: number[];
  /** Cut points of the tree bins over the training rows' shifts. */
  edges: number[];
};

/** Fields with at least this many distinct values too rare for a level of their own get an impact column. */
export const IMPACT_MIN_DISTINCT = 10;
const SMOOTHING = 20;
const IMPACT_FOLDS = 5;
const MAX_IMPACT_EDGES = 62;
/** Stands for every value that has a level of its own (shift 0). */
const KEPT = '\u0000kept';

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function booleanText(value: unknown): string | null {
  const parsed = parseBoolean(value);
  if (parsed === null) return cellText(value);
  return parsed ? 'Yes' : 'No';
}

/** The value key impact encoding reads (null when missing), the same at training and scoring time. */
export function impactKey(encoder: CategoricalEncoder, value: unknown): string | null {
  const text = encoder.kind === 'boolean' ? booleanText(value) : cellText(value);
  return text === null ? null : levelKey(text);
}

type Counts = Map<string, [number, number]>;

function countOutcomes(keys: readonly (string | null)[], labels: Uint8Array, rows: Iterable<number>): Counts {
  const counts: Counts = new Map();
  for (const row of rows) {
    const key = keys[row];
    if (key === null || key === undefined) continue;
    let entry = counts.get(key);
    if (!entry) {
      entry = [0, 0];
      counts.set(key, entry);
    }
    entry[0] += labels[row]!;
    entry[1]++;
  }
  return counts;
}

function shiftOf(entry: [number, number] | undefined, prior: number): number {
  if (!entry) return 0;
  const [positives, count] = entry;
  return logit((positives + SMOOTHING * prior) / (count + SMOOTHING)) - logit(prior);
}

export type ImpactFit = {
  /** The encoders, with an impact encoding added to the many-valued categorical ones. */
  encoders: FieldEncoder[];
  /** Per encoder index: the out-of-fold shift of every training row (NaN when missing). */
  trainingShifts: Map<number, Float64Array>;
};

/**
 * Adds impact encodings to the categorical encoders with many distinct values. `labels` are 0/1 per
 * row. Deterministic for a seed.
 */
export function fitImpactEncodings(
  rows: readonly Record<string, unknown>[],
  labels: Uint8Array,
  encoders: readonly FieldEncoder[],
  seed: number,
): ImpactFit {
  const n = rows.length;
  let positives = 0;
  for (const label of labels) positives += label;
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, n)));
  const random = createRandom(seed + 7);
  const fold = Uint8Array.from({ length: n }, () => Math.floor(random() * IMPACT_FOLDS));
  const trainingShifts = new Map<number, Float64Array>();
  const fitted = encoders.map((encoder, index): FieldEncoder => {
    if (encoder.kind !== 'categorical') return encoder;
    // Values with a level of their own are already inputs; only the ones pooled into "other" get a shift.
    // Were kept values shifted too, a row's level plus its out-of-fold shift would reveal how its own
    // fold converted within that level: a pattern that exists in training and never when scoring.
    const kept = new Set(encoder.levels);
    const keys = rows.map((row) => {
      const key = impactKey(encoder, row[encoder.field]);
      return key !== null && kept.has(key) ? KEPT : key;
    });
    const all = countOutcomes(keys, labels, keys.keys());
    all.delete(KEPT);
    if (all.size < IMPACT_MIN_DISTINCT) return encoder;
    const perFold: Counts[] = [];
    for (let f = 0; f < IMPACT_FOLDS; f++) {
      const outside: number[] = [];
      for (let i = 0; i < n; i++) if (fold[i] !== f) outside.push(i);
      perFold.push(countOutcomes(keys, labels, outside));
    }
    const shifts = new Float64Array(n);
    const present: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      if (key === null || key === undefined) {
        shifts[i] = Number.NaN;
        continue;
      }
      shifts[i] = key === KEPT ? 0 : shiftOf(perFold[fold[i]!]!.get(key), prior);
      present.push(shifts[i]!);
    }
    trainingShifts.set(index, shifts);
    const stored = [...all.entries()]
      // A value seen once says next to nothing, and listing it would bloat the stored model.
      .filter(([, entry]) => entry[1] >= 2)
      .sort((a, b) => b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1));
    return {
      ...encoder,
      impact: {
        keys: stored.map(([key]) => key),
        shifts: stored.map(([, entry]) => shiftOf(entry, prior)),
        edges: quantileCuts(Float64Array.from(present).sort(), MAX_IMPACT_EDGES),
      },
    };
  });
  return { encoders: fitted, trainingShifts };
}
