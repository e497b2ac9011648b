import type { ReliabilityBin } from '@triage/core';
import type { EvaluationReport } from './model-evaluation';

const fixed = (value: number, digits = 4) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : 'n/a');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows
    .map((row) =>
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    )
    .join('\n');
}

function reliabilityRows(bins: readonly ReliabilityBin[]): string[][] {
  return bins.map((bin) => [
    String(bin.count),
    bin.count > 0 ? fixed(bin.meanPredicted, 3) : '-',
    bin.count > 0 ? fixed(bin.observedRate, 3) : '-',
  ]);
}

/** The human-readable evaluation: the chosen model and naive Bayes side by side, then the reliability tables. */
export function formatEvaluationReport(report: EvaluationReport, title: string): string {
  const { chosen, naiveBayes: bayes } = report;
  const name = chosen.learner === 'base-rate' ? 'model (base rate)' : `model (${chosen.learner})`;
  const lines: string[] = [];
  lines.push(title);
  lines.push(
    `rows: ${report.rows.total} read, ${report.rows.skipped} skipped (empty or other target), ` +
      `train ${report.rows.train} (${report.rows.trainPositives} positive), test ${report.rows.test} (${report.rows.testPositives} positive)`,
  );
  lines.push(
    report.split.split === 'random'
      ? `split: random, seed ${report.split.seed}, test fraction ${report.split.testFraction}`
      : `split: ordered (file order; the last ${report.split.testFraction * 100} % are the test set)`,
  );
  lines.push(`features: ${report.fields.length} fields → ${report.inputs} model inputs`);
  lines.push(`  ${report.fields.map((field) => `${field.name} (${field.kind})`).join(', ')}`);
  for (const field of report.excluded)
    lines.push(`  left out (leakage guard): ${field.name}: ${field.reason}`);
  for (const field of report.dropped) lines.push(`  dropped: ${field.name}: ${field.reason}`);
  lines.push(`chosen: ${chosen.learner}: ${chosen.reason}`);
  lines.push(
    `training time: ${report.trainingSeconds.toFixed(2)} s (validation: ${report.validation.scheme}, ${report.validation.rows} held-out rows)`,
  );
  lines.push('');
  const m = chosen.metrics;
  const b = bayes.metrics;
  lines.push(
    table([
      ['test metric', name, 'naive Bayes'],
      ['ROC AUC', fixed(m.rocAuc), fixed(b.rocAuc)],
      ['PR AUC', fixed(m.prAuc), fixed(b.prAuc)],
      ['log-loss', fixed(m.logLoss), fixed(b.logLoss)],
      ['Brier score', fixed(m.brierScore), fixed(b.brierScore)],
      ['top-decile lift', fixed(m.topDecileLift, 2), fixed(b.topDecileLift, 2)],
    ]),
  );
  lines.push(
    `base-rate log-loss: ${fixed(report.baseRateLogLoss)} (always predicting the training rate ` +
      `${percent(report.model.training.baseRate)}); with the test set's own rate ${percent(m.positives / m.rows)}: ${fixed(m.baseRateLogLoss)}`,
  );
  lines.push('');
  lines.push('reliability (test rows): count, mean predicted, observed rate per probability bin');
  const modelRows = reliabilityRows(chosen.reliability);
  const bayesRows = reliabilityRows(bayes.reliability);
  lines.push(
    table([
      ['bin', `${name}: n`, 'predicted', 'observed', 'naive Bayes: n', 'predicted', 'observed'],
      ...chosen.reliability.map((bin, i) => [
        `${bin.from.toFixed(1)}–${bin.to.toFixed(1)}`,
        ...modelRows[i]!,
        ...bayesRows[i]!,
      ]),
    ]),
  );
  return lines.join('\n');
}

/** The JSON form: everything but the trained model itself (the model is summarised). */
export function evaluationJson(report: EvaluationReport): Record<string, unknown> {
  const { model, ...rest } = report;
  return {
    ...rest,
    model: {
      format: model.format,
      learner: model.learner.kind,
      calibration: model.calibration,
      training: model.training,
    },
  };
}
