import { performance } from 'node:perf_hooks';
import {
  type ClassificationMetrics,
  classificationMetrics,
  type DroppedField,
  type FieldSpec,
  inferFieldSpecs,
  type ReliabilityBin,
  reliabilityTable,
  scoreNaiveBayes,
  scoreWithModel,
  type TrainedModel,
  type TrainOptions,
  trainPredictiveModel,
} from '@triage/core';
import { type CsvRow, type SplitOptions, selectTarget, splitRows } from './eval-dataset';

export type EvaluationOptions = SplitOptions & {
  target: string;
  positive: string;
  /** Target values that count as negatives; others are skipped. Empty: every non-positive value is negative. */
  negatives?: readonly string[];
  exclude?: readonly string[];
  /** Learner settings passed through to training (for experiments; the defaults are what users get). */
  training?: Omit<TrainOptions, 'fields' | 'seed' | 'timeOrdered'>;
};

export type ModelSide = {
  name: string;
  metrics: ClassificationMetrics;
  reliability: ReliabilityBin[];
};

export type EvaluationReport = {
  rows: {
    total: number;
    skipped: number;
    train: number;
    test: number;
    trainPositives: number;
    testPositives: number;
  };
  split: SplitOptions;
  fields: FieldSpec[];
  dropped: DroppedField[];
  excluded: { name: string; reason: string }[];
  /** Model inputs after encoding (tree columns or linear features). */
  inputs: number;
  trainingSeconds: number;
  chosen: ModelSide & { learner: string; reason: string };
  naiveBayes: ModelSide;
  /** Log-loss of always predicting the training base rate on the test rows. */
  baseRateLogLoss: number;
  validation: TrainedModel['validation'];
  model: TrainedModel;
};

/** CSV rows → target → split → featurise → train (model + naive Bayes) → test metrics, both side by side. */
export function evaluateOnRows(allRows: readonly CsvRow[], options: EvaluationOptions): EvaluationReport {
  const selected = selectTarget(allRows, options.target, options.positive, options.negatives ?? []);
  const { train, test } = splitRows(selected.rows.length, options);
  const trainRows = train.map((i) => selected.rows[i]!);
  const trainOutcomes = train.map((i) => selected.outcomes[i]!);
  const testRows = test.map((i) => selected.rows[i]!);
  const testOutcomes = test.map((i) => selected.outcomes[i]!);
  if (trainOutcomes.every(Boolean) || !trainOutcomes.some(Boolean)) {
    throw new Error(
      `the training rows need both outcomes; "${options.positive}" appears in ${trainOutcomes.filter(Boolean).length} of ${trainOutcomes.length}`,
    );
  }

  const started = performance.now();
  const inference = inferFieldSpecs(trainRows, { exclude: [options.target, ...(options.exclude ?? [])] });
  const model = trainPredictiveModel(trainRows, trainOutcomes, {
    fields: inference.fields,
    seed: options.seed,
    timeOrdered: options.split === 'ordered',
    ...options.training,
  });
  const trainingSeconds = (performance.now() - started) / 1000;

  const modelProbabilities = testRows.map((row) => scoreWithModel(model, row).probability);
  const baselineProbabilities = testRows.map((row) => scoreNaiveBayes(model.baseline, row));
  const trainRate = model.training.baseRate;
  const side = (name: string, probabilities: number[]): ModelSide => ({
    name,
    metrics: classificationMetrics(probabilities, testOutcomes),
    reliability: reliabilityTable(probabilities, testOutcomes),
  });
  const chosen = side(model.validation.chosen, modelProbabilities);
  return {
    rows: {
      total: allRows.length,
      skipped: selected.skipped,
      train: trainRows.length,
      test: testRows.length,
      trainPositives: model.training.positives,
      testPositives: testOutcomes.filter(Boolean).length,
    },
    split: { split: options.split, seed: options.seed, testFraction: options.testFraction },
    fields: model.fields,
    dropped: inference.dropped,
    excluded: model.excludedFields,
    inputs: model.training.inputs,
    trainingSeconds,
    chosen: { ...chosen, learner: model.validation.chosen, reason: model.validation.reason },
    naiveBayes: side('naive Bayes', baselineProbabilities),
    baseRateLogLoss: classificationMetrics(new Array(testRows.length).fill(trainRate), testOutcomes).logLoss,
    validation: model.validation,
    model,
  };
}
