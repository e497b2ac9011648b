/**
 * Conversion rates drift: a campaign ends, a market cools, a sales team changes. When the training
 * rows are in time order the model scores leads that come *after* all of them, so the base rate it
 * falls back to (when no learner beats it) is weighted towards recent rows: row i of n weighs
 * 2^(−(n − 1 − i) / halfLife). A learner's level needs no weights: its calibration is already fitted
 * on the most recent rows (and measured, re-centring it on these weights did worse: X Education
 * ordered log-loss 0.437 → 0.448).
 *
 * A half-life of a quarter of the rows keeps an effective sample of about 64 % of the rows, so on
 * stationary data the rate is barely noisier, while a rate that moved during the period is followed.
 */
export const DEFAULT_RECENCY_HALF_LIFE = 0.25;

/** Weights of `n` time-ordered rows (oldest first); all 1 when `halfLife` (a share of n) is 0. */
export function recencyWeights(n: number, halfLife: number): Float64Array {
  const weights = new Float64Array(n).fill(1);
  if (!(halfLife > 0) || n === 0) return weights;
  const rows = halfLife * n;
  for (let i = 0; i < n; i++) weights[i] = 2 ** (-(n - 1 - i) / rows);
  return weights;
}

/** Weighted share of positives, pulled by half a row each way so it is never exactly 0 or 1. */
export function weightedRate(labels: ArrayLike<number>, weights: ArrayLike<number>): number {
  let positives = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    positives += weights[i]! * (labels[i] ? 1 : 0);
    total += weights[i]!;
  }
  return (positives + 0.5) / (total + 1);
}
