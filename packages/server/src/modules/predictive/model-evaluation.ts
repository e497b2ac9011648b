import type { ModelMetrics } from '@triage/contracts';
import {
  type ClassificationMetrics,
  classificationMetrics,
  type FieldSpec,
  reliabilityTable,
  scoreNaiveBayes,
  scoreWithModel,
  trainPredictiveModel,
} from '@triage/core';

/** Share of the most recent outcomes held out to measure a model before it is trusted. */
export const HOLDOUT_SHARE = 0.2;

/** NaN and ±Infinity are not JSON: a metric the holdout cannot define is null. */
const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function metricsView(metrics: ClassificationMetrics): ModelMetrics['model'] {
  return {
    rows: metrics.rows,
    positives: metrics.positives,
    rocAuc: finite(metrics.rocAuc),
    prAuc: finite(metrics.prAuc),
    logLoss: finite(metrics.logLoss),
    brierScore: finite(metrics.brierScore),
    topDecileLift: finite(metrics.topDecileLift),
    baseRateLogLoss: finite(metrics.baseRateLogLoss),
  };
}

/** Held-out leads ranked by probability, cut into ten bands (best first), with conversion and lift per band. */
export function liftByBand(
  probabilities: readonly number[],
  outcomes: readonly boolean[],
): ModelMetrics['lift'] {
  const order = probabilities.map((p, i) => ({ p, won: outcomes[i]! })).sort((a, b) => b.p - a.p);
  const n = order.length;
  const overall = n > 0 ? order.filter((o) => o.won).length / n : 0;
  const bands: ModelMetrics['lift'] = [];
  let cumulativeLeads = 0;
  let cumulativeWon = 0;
  for (let band = 0; band < 10; band++) {
    const slice = order.slice(Math.round((band * n) / 10), Math.round(((band + 1) * n) / 10));
    if (slice.length === 0) continue;
    const won = slice.filter((o) => o.won).length;
    cumulativeLeads += slice.length;
    cumulativeWon += won;
    const rate = won / slice.length;
    bands.push({
      band: band + 1,
      maxScore: Math.round(slice[0]!.p * 1000) / 10,
      minScore: Math.round(slice.at(-1)!.p * 1000) / 10,
      leads: slice.length,
      won,
      rate,
      lift: overall > 0 ? rate / overall : null,
      cumulativeLift: overall > 0 ? cumulativeWon / cumulativeLeads / overall : null,
    });
  }
  return bands;
}

/**
 * Measures a training setup the way the model will be used: trained on the oldest outcomes and scored on the
 * most recent `HOLDOUT_SHARE`, never seen in training. Reports the model beside the naive-Bayes baseline on
 * the same rows, the reliability table (predicted vs observed per probability bin) and lift per score band.
 * Rows must be oldest outcome first.
 */
export function evaluateOnLatestOutcomes(
  rows: readonly Record<string, unknown>[],
  outcomes: readonly boolean[],
  fields: readonly FieldSpec[],
  seed: number,
): ModelMetrics {
  const cut = Math.floor(rows.length * (1 - HOLDOUT_SHARE));
  const model = trainPredictiveModel(rows.slice(0, cut), outcomes.slice(0, cut), {
    fields,
    seed,
    timeOrdered: true,
  });
  const heldOut = rows.slice(cut);
  const labels = outcomes.slice(cut);
  const probabilities = heldOut.map((row) => scoreWithModel(model, row).probability);
  const baseline = heldOut.map((row) => scoreNaiveBayes(model.baseline, row));
  return {
    holdout: { scheme: 'latest-holdout', trainRows: cut, rows: heldOut.length },
    model: metricsView(classificationMetrics(probabilities, labels)),
    naiveBayes: metricsView(classificationMetrics(baseline, labels)),
    reliability: reliabilityTable(probabilities, labels).map((bin) => ({
      from: bin.from,
      to: bin.to,
      count: bin.count,
      meanPredicted: finite(bin.meanPredicted),
      observedRate: finite(bin.observedRate),
    })),
    lift: liftByBand(probabilities, labels),
    learner: model.validation.chosen,
    reason: model.validation.reason,
  };
}
