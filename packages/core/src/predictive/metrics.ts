/**
 * Evaluation metrics for probability forecasts. `scores` are probabilities (or any monotone score
 * for the ranking metrics); `labels` are the outcomes (true = converted).
 */

type Labels = readonly boolean[] | ArrayLike<number>;

function positive(labels: Labels, i: number): boolean {
  return Boolean(labels[i]);
}

function checkLengths(scores: ArrayLike<number>, labels: Labels): void {
  if (scores.length !== labels.length) {
    throw new Error(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
  }
}

function orderByScoreDescending(scores: ArrayLike<number>): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  return order;
}

/** Area under the ROC curve: the chance a random positive outranks a random negative (ties count half). NaN without both classes. */
export function rocAuc(scores: ArrayLike<number>, labels: Labels): number {
  checkLengths(scores, labels);
  const order = orderByScoreDescending(scores);
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) positive(labels, i) ? positives++ : negatives++;
  if (positives === 0 || negatives === 0) return Number.NaN;
  // Walk from the highest score down; within a tie group, each negative beats half of the group's positives.
  let positivesAbove = 0;
  let wins = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let groupPositives = 0;
    let groupNegatives = 0;
    const score = scores[order[i]!];
    while (j < order.length && scores[order[j]!] === score) {
      positive(labels, order[j]!) ? groupPositives++ : groupNegatives++;
      j++;
    }
    wins += groupNegatives * (positivesAbove + groupPositives / 2);
    positivesAbove += groupPositives;
    i = j;
  }
  return wins / (positives * negatives);
}

/** Area under the precision-recall curve as average precision (precision at each positive, tie groups taken whole). */
export function prAuc(scores: ArrayLike<number>, labels: Labels): number {
  checkLengths(scores, labels);
  const order = orderByScoreDescending(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (positive(labels, i)) positives++;
  if (positives === 0) return Number.NaN;
  let truePositives = 0;
  let seen = 0;
  let area = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let groupPositives = 0;
    const score = scores[order[i]!];
    while (j < order.length && scores[order[j]!] === score) {
      if (positive(labels, order[j]!)) groupPositives++;
      j++;
    }
    truePositives += groupPositives;
    seen += j - i;
    area += (groupPositives / positives) * (truePositives / seen);
    i = j;
  }
  return area;
}

const EPSILON = 1e-15;

/** Mean negative log-likelihood (natural log); probabilities are clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(probabilities: ArrayLike<number>, labels: Labels): number {
  checkLengths(probabilities, labels);
  if (labels.length === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i] as number));
    total -= positive(labels, i) ? Math.log(p) : Math.log(1 - p);
  }
  return total / labels.length;
}

/** Mean squared difference between probability and outcome. */
export function brierScore(probabilities: ArrayLike<number>, labels: Labels): number {
  checkLengths(probabilities, labels);
  if (labels.length === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const error = (probabilities[i] as number) - (positive(labels, i) ? 1 : 0);
    total += error * error;
  }
  return total / labels.length;
}

/** Log-loss of always predicting `rate` (by default the labels' own positive rate). */
export function baseRateLogLoss(labels: Labels, rate?: number): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (positive(labels, i)) positives++;
  const p = rate ?? positives / labels.length;
  return logLoss(new Float64Array(labels.length).fill(p), labels);
}

/** Conversion rate among the top 10 % by score divided by the overall rate (1 = no better than random). */
export function topDecileLift(scores: ArrayLike<number>, labels: Labels): number {
  checkLengths(scores, labels);
  if (labels.length === 0) return Number.NaN;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (positive(labels, i)) positives++;
  if (positives === 0) return Number.NaN;
  const order = orderByScoreDescending(scores);
  const topCount = Math.max(1, Math.ceil(labels.length / 10));
  // A tie straddling the cut counts at its average rate, so the answer does not depend on row order.
  const cutScore = scores[order[topCount - 1]!] as number;
  let above = 0;
  let abovePositives = 0;
  let tied = 0;
  let tiedPositives = 0;
  for (let i = 0; i < labels.length; i++) {
    const score = scores[i] as number;
    if (score > cutScore) {
      above++;
      if (positive(labels, i)) abovePositives++;
    } else if (score === cutScore) {
      tied++;
      if (positive(labels, i)) tiedPositives++;
    }
  }
  const topPositives = abovePositives + ((topCount - above) * tiedPositives) / tied;
  return topPositives / topCount / (positives / labels.length);
}

export type ReliabilityBin = {
  /** Predicted-probability range of the bin, [from, to). The last bin includes 1. */
  from: number;
  to: number;
  count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  meanPredicted: number;
  /** Share of the bin's leads that converted (NaN when empty). */
  observedRate: number;
};

/** Calibration table: ten equal-width probability bins with the mean forecast and the observed rate. */
export function reliabilityTable(
  probabilities: ArrayLike<number>,
  labels: Labels,
  bins = 10,
): ReliabilityBin[] {
  checkLengths(probabilities, labels);
  const counts = new Float64Array(bins);
  const sums = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] as number;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    counts[bin]!++;
    sums[bin]! += p;
    if (positive(labels, i)) hits[bin]!++;
  }
  return Array.from({ length: bins }, (_, bin) => ({
    from: bin / bins,
    to: (bin + 1) / bins,
    count: counts[bin]!,
    meanPredicted: counts[bin]! > 0 ? sums[bin]! / counts[bin]! : Number.NaN,
    observedRate: counts[bin]! > 0 ? hits[bin]! / counts[bin]! : Number.NaN,
  }));
}

/** Expected calibration error: the count-weighted mean gap between forecast and observed rate per bin. */
export function expectedCalibrationError(table: readonly ReliabilityBin[]): number {
  let total = 0;
  let weighted = 0;
  for (const bin of table) {
    if (bin.count === 0) continue;
    total += bin.count;
    weighted += bin.count * Math.abs(bin.meanPredicted - bin.observedRate);
  }
  return total > 0 ? weighted / total : Number.NaN;
}

export type ClassificationMetrics = {
  rows: number;
  positives: number;
  rocAuc: number;
  prAuc: number;
  logLoss: number;
  brierScore: number;
  topDecileLift: number;
  baseRateLogLoss: number;
};

export function classificationMetrics(
  probabilities: ArrayLike<number>,
  labels: Labels,
): ClassificationMetrics {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (positive(labels, i)) positives++;
  return {
    rows: labels.length,
    positives,
    rocAuc: rocAuc(probabilities, labels),
    prAuc: prAuc(probabilities, labels),
    logLoss: logLoss(probabilities, labels),
    brierScore: brierScore(probabilities, labels),
    topDecileLift: topDecileLift(probabilities, labels),
    baseRateLogLoss: baseRateLogLoss(labels),
  };
}
