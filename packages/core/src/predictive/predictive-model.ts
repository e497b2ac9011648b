import { calibrate, fitPlatt, fitStack, IDENTITY_CALIBRATION, type PlattCalibration } from './calibration';
import { type EncodedDataset, encodeDataset, type FieldEncoder, fitEncoders } from './feature-encoder';
import { type FieldSpec, fieldSpecLabel, selectFeatureFields } from './field-spec';
import { DEFAULT_GBDT_PARAMS, forestLogits, type GbdtModel, type GbdtParams, trainGbdt } from './gbdt';
import { fitImpactEncodings } from './impact-encoding';
import { type LogisticModel, logisticLogits, trainLogistic } from './logistic-regression';
import { type ClassificationMetrics, classificationMetrics } from './metrics';
import { type NaiveBayesModel, scoreNaiveBayes, trainNaiveBayes } from './naive-bayes';
import { createRandom, shuffledIndices } from './random';
import { DEFAULT_RECENCY_HALF_LIFE, recencyWeights, weightedRate } from './recency-level';

export const LEARNER_KINDS = ['gbdt', 'logistic'] as const;
export type LearnerKind = (typeof LEARNER_KINDS)[number] | 'blend';

/** The linear learner also keeps its features' training means, so contributions compare a lead with the average lead. */
export type LinearLearner = LogisticModel & { featureMeans: number[] };
/**
 * A weighted sum of the learners' log-odds (each weight already folds in that learner's own
 * calibration slope): raw = offset + sum(weight × part's raw log-odds).
 */
export type BlendLearner = {
  kind: 'blend';
  offset: number;
  parts: { weight: number; learner: GbdtModel | LinearLearner }[];
};
export type Learner = GbdtModel | LinearLearner | BlendLearner;

export type ValidationScheme = 'k-fold' | 'random-holdout' | 'latest-holdout';

export type LearnerReport = {
  learner: LearnerKind;
  /** Out-of-fold metrics after calibration. */
  metrics: ClassificationMetrics;
  detail: string;
};

export type TrainedModel = {
  format: 'triage.predictive/1';
  /** The fields used as features (after the leakage guard). */
  fields: FieldSpec[];
  /** Fields left out, with the reason (post-outcome, unusable). */
  excludedFields: { name: string; reason: string }[];
  encoders: FieldEncoder[];
  learner: Learner;
  /** Applied to the learner's log-odds; fitted on held-out predictions. */
  calibration: PlattCalibration;
  /** The Odoo-style naive Bayes, kept to be reported (and scored) beside the model. */
  baseline: NaiveBayesModel;
  training: {
    rows: number;
    positives: number;
    baseRate: number;
    seed: number;
    /** Number of model inputs: tree columns for boosted trees, linear features for the regression. */
    inputs: number;
    /**
     * Time-ordered training that fell back to the base rate: the recency-weighted conversion rate it
     * predicts (absent otherwise, and on models trained before it existed).
     */
    recentRate?: number;
  };
  validation: {
    scheme: ValidationScheme;
    /** Number of rows the validation metrics are computed on. */
    rows: number;
    /** 'base-rate' when no learner beat the base rate beyond noise on held-out data. */
    chosen: LearnerKind | 'base-rate';
    candidates: LearnerReport[];
    naiveBayes: ClassificationMetrics;
    /** Why this learner was chosen, in words. */
    reason: string;
  };
};

export type TrainOptions = {
  fields: readonly FieldSpec[];
  seed: number;
  /** Rows are oldest first: validate on the most recent rows, as the model will be used. */
  timeOrdered?: boolean;
  learners?: readonly LearnerKind[];
  gbdt?: Partial<GbdtParams>;
  /**
   * Leaf budgets to choose from on held-out rows (e.g. [4, 16]); by default one setting. Measured on
   * X Education and synthetic tables, [4, 16] helped data driven by interactions (+0.007 AUC) and
   * was neutral to slightly worse on the real leads while doubling training time.
   */
  gbdtLeafGrid?: readonly number[];
  /** Candidate L2 strengths for the logistic regression (the best on the first fold is used). */
  logisticLambdas?: readonly number[];
  folds?: number;
  /**
   * Time-ordered rows only: the half-life, as a share of the training rows, of the recency weights of
   * the base rate the model falls back to when no learner beats it. Default 0.25; 0 turns it off.
   */
  recencyHalfLife?: number;
};

type Fold = { train: Int32Array; valid: Int32Array };

const LARGE_DATA_ROWS = 40_000;
const LAMBDA_SEARCH_ROWS = 20_000;

function planValidation(n: number, options: TrainOptions): { scheme: ValidationScheme; folds: Fold[] } {
  const random = createRandom(options.seed);
  if (options.timeOrdered && n >= 500) {
    const cut = Math.floor(n * 0.8);
    return {
      scheme: 'latest-holdout',
      folds: [
        {
          train: Int32Array.from({ length: cut }, (_, i) => i),
          valid: Int32Array.from({ length: n - cut }, (_, i) => cut + i),
        },
      ],
    };
  }
  const order = shuffledIndices(n, random);
  if (n >= LARGE_DATA_ROWS) {
    const cut = Math.floor(n * 0.8);
    return {
      scheme: 'random-holdout',
      folds: [{ train: order.slice(0, cut).sort(), valid: order.slice(cut).sort() }],
    };
  }
  const k = Math.max(2, Math.min(options.folds ?? 5, Math.floor(n / 10)));
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const valid: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < n; i++) (i % k === f ? valid : train).push(order[i]!);
    folds.push({ train: Int32Array.from(train).sort(), valid: Int32Array.from(valid).sort() });
  }
  return { scheme: 'k-fold', folds };
}

function featureMeans(data: EncodedDataset, rows: Int32Array): number[] {
  const sums = new Float64Array(data.linear.width);
  const { rowStart, indices, values } = data.linear;
  for (const row of rows) {
    for (let k = rowStart[row]!; k < rowStart[row + 1]!; k++) sums[indices[k]!]! += values[k]!;
  }
  return Array.from(sums, (sum) => sum / Math.max(1, rows.length));
}

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function labelsOf(rows: Int32Array, labels: Uint8Array): Uint8Array {
  return Uint8Array.from(rows, (row) => labels[row]!);
}

/** Held-out improvement in log-loss over always predicting the held-out base rate, with its standard error. */
export function heldOutSignal(
  logits: ArrayLike<number>,
  calibration: PlattCalibration,
  labels: Uint8Array,
): { gain: number; standardError: number; significant: boolean } {
  const n = labels.length;
  let positives = 0;
  for (const label of labels) positives += label;
  const rate = Math.min(1 - 1e-9, Math.max(1e-9, positives / n));
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, calibrate(calibration, logits[i]!)));
    const modelLoss = labels[i] ? -Math.log(p) : -Math.log(1 - p);
    const constantLoss = labels[i] ? -Math.log(rate) : -Math.log(1 - rate);
    const difference = constantLoss - modelLoss;
    sum += difference;
    sumSquares += difference * difference;
  }
  const gain = sum / n;
  const variance = Math.max(0, sumSquares / n - gain * gain);
  const standardError = Math.sqrt(variance / Math.max(1, n - 1));
  // Two standard errors: a learner that cannot clear this would add noise, not information.
  return { gain, standardError, significant: gain > 2 * standardError };
}

function blendCandidate(first: Candidate, second: Candidate, labels: Uint8Array): Candidate {
  const stack = fitStack([first.logits, second.logits], labels);
  const [wa, wb] = stack.weights as [number, number];
  const logits = first.logits.map((z, i) => stack.offset + wa * z + wb * second.logits[i]!);
  return {
    learner: 'blend',
    logits,
    detail: `blend of ${first.learner} (weight ${wa.toFixed(3)}) and ${second.learner} (weight ${wb.toFixed(3)}) on their log-odds, weights fitted on held-out rows`,
    fit: (rows) => {
      const parts = [first.fit(rows), second.fit(rows)] as (GbdtModel | LinearLearner)[];
      return {
        kind: 'blend',
        offset: stack.offset,
        parts: [
          { weight: wa, learner: parts[0]! },
          { weight: wb, learner: parts[1]! },
        ],
      };
    },
  };
}

/** The fallback learner: no trees, just the training base rate. */
function constantLearner(baseRate: number): GbdtModel {
  return { kind: 'gbdt', bias: Math.log(baseRate / (1 - baseRate)), trees: [] };
}

type Candidate = {
  learner: LearnerKind;
  /** Out-of-fold raw log-odds, indexed like the validation rows. */
  logits: Float64Array;
  fit: (rows: Int32Array) => Learner;
  detail: string;
};

function validationRows(folds: Fold[]): Int32Array {
  const rows: number[] = [];
  for (const fold of folds) rows.push(...fold.valid);
  return Int32Array.from(rows);
}

type GbdtTrial = {
  params: GbdtParams;
  rounds: number;
  logits: Float64Array;
  loss: number;
  foldModel: GbdtModel;
};

/**
 * Trains one setting on every fold, then picks the single number of trees with the lowest pooled
 * validation log-loss over all folds (rather than each fold stopping at its own best round, which
 * would make the held-out predictions look better than they are), and re-scores each fold there.
 */
function gbdtTrial(
  data: EncodedDataset,
  labels: Uint8Array,
  folds: Fold[],
  params: GbdtParams,
  seed: number,
): GbdtTrial {
  const trainings = folds.map((fold, f) =>
    trainGbdt(data, labels, fold.train, fold.valid, params, createRandom(seed + 101 * (f + 1))),
  );
  const length = Math.min(...trainings.map((training) => training.validationLosses.length));
  let rounds = 0;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let r = 0; r < length; r++) {
    let total = 0;
    trainings.forEach((training, f) => {
      total += training.validationLosses[r]! * folds[f]!.valid.length;
    });
    if (total < bestLoss - 1e-9) {
      bestLoss = total;
      rounds = r;
    }
  }
  const logits: number[] = [];
  trainings.forEach((training, f) => {
    const model: GbdtModel = { ...training.model, trees: training.grown };
    logits.push(...forestLogits(model, data, folds[f]!.valid, rounds));
  });
  const last = trainings[trainings.length - 1]!;
  return {
    params,
    rounds,
    logits: Float64Array.from(logits),
    loss: bestLoss / logits.length,
    foldModel: { ...last.model, trees: last.grown.slice(0, rounds) },
  };
}

function gbdtCandidate(
  data: EncodedDataset,
  labels: Uint8Array,
  folds: Fold[],
  options: TrainOptions,
  reuseFoldModel: boolean,
): Candidate {
  // Twice the step on large tables halves the trees needed and keeps training within its time budget.
  const learningRate = data.rows >= LARGE_DATA_ROWS ? 0.1 : DEFAULT_GBDT_PARAMS.learningRate;
  const base: GbdtParams = { ...DEFAULT_GBDT_PARAMS, learningRate, ...options.gbdt };
  // A leaf grid costs one full cross-validation per setting; large tables keep one setting to stay
  // within the training-time budget.
  const leafGrid =
    options.gbdtLeafGrid && options.gbdtLeafGrid.length > 0 && data.rows < LARGE_DATA_ROWS
      ? options.gbdtLeafGrid
      : [base.maxLeaves];
  const trials = leafGrid.map((maxLeaves) =>
    gbdtTrial(data, labels, folds, { ...base, maxLeaves }, options.seed),
  );
  const best = trials.reduce((a, b) => (b.loss < a.loss ? b : a));
  const params = best.params;
  // The final model sees more rows than each fold did, so it may use a few more rounds.
  const finalRounds = Math.max(1, Math.round(best.rounds * (folds.length > 1 ? 1.1 : 1.15)));
  const tried =
    trials.length > 1
      ? ` (chosen from ${trials.map((trial) => `${trial.params.maxLeaves} leaves: ${trial.loss.toFixed(4)}`).join(', ')} held-out log-loss)`
      : '';
  return {
    learner: 'gbdt',
    logits: best.logits,
    detail: `${reuseFoldModel ? best.rounds : finalRounds} trees (${best.rounds} best on held-out rows), learning rate ${params.learningRate}, up to ${params.maxLeaves} leaves${tried}`,
    fit: (rows) => {
      if (reuseFoldModel) return best.foldModel;
      const fixed = { ...params, maxRounds: finalRounds };
      return trainGbdt(data, labels, rows, null, fixed, createRandom(options.seed)).model;
    },
  };
}

function logisticCandidate(
  data: EncodedDataset,
  labels: Uint8Array,
  folds: Fold[],
  options: TrainOptions,
  reuseFoldModel: boolean,
): Candidate {
  const lambdas = options.logisticLambdas ?? [1, 10, 100];
  const first = folds[0]!;
  const firstLabels = labelsOf(first.valid, labels);
  let bestLambda = lambdas[0]!;
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestFirst: { model: LogisticModel; logits: Float64Array } | null = null;
  // From the strongest penalty down, each fit starting from the previous one (a warm-started path).
  // The penalty is chosen on at most LAMBDA_SEARCH_ROWS training rows; the fold is then refitted in full.
  const searchRows =
    first.train.length > LAMBDA_SEARCH_ROWS
      ? first.train.filter((_, i) => i % Math.ceil(first.train.length / LAMBDA_SEARCH_ROWS) === 0)
      : first.train;
  let previous: LogisticModel | undefined;
  for (const lambda of [...lambdas].sort((x, y) => y - x)) {
    const scaled = (lambda * searchRows.length) / first.train.length;
    const model = trainLogistic(
      data.linear,
      labels,
      searchRows,
      previous ? { lambda: scaled, start: previous } : { lambda: scaled },
    );
    previous = model;
    const logits = logisticLogits(model, data.linear, first.valid);
    const calibration = fitPlatt(logits, firstLabels);
    const probabilities = logits.map((z) => calibrate(calibration, z));
    const loss = classificationMetrics(probabilities, firstLabels).logLoss;
    if (loss < bestLoss) {
      bestLoss = loss;
      bestLambda = lambda;
      bestFirst = { model, logits };
    }
  }
  if (searchRows !== first.train) {
    const model = trainLogistic(data.linear, labels, first.train, {
      lambda: bestLambda,
      start: bestFirst!.model,
    });
    bestFirst = { model, logits: logisticLogits(model, data.linear, first.valid) };
  }
  const logits: number[] = [...bestFirst!.logits];
  for (const fold of folds.slice(1)) {
    const model = trainLogistic(data.linear, labels, fold.train, { lambda: bestLambda });
    logits.push(...logisticLogits(model, data.linear, fold.valid));
  }
  return {
    learner: 'logistic',
    logits: Float64Array.from(logits),
    detail: `L2 penalty ${bestLambda} (chosen from ${lambdas.join(', ')}), ${data.linear.width} inputs`,
    fit: (rows) => {
      const model = reuseFoldModel
        ? bestFirst!.model
        : trainLogistic(data.linear, labels, rows, { lambda: bestLambda });
      return { ...model, featureMeans: featureMeans(data, rows) };
    },
  };
}

/**
 * Trains the predictive score: featurises the allowed fields, fits each learner with held-out
 * validation (k-fold, or the most recent rows when time-ordered, or one random holdout on large data),
 * calibrates each with Platt scaling on its held-out log-odds, keeps the learner with the lower
 * held-out log-loss, and trains the naive-Bayes baseline beside it. Deterministic for a given seed.
 */
export function trainPredictiveModel(
  rows: readonly Record<string, unknown>[],
  outcomes: readonly boolean[],
  options: TrainOptions,
): TrainedModel {
  if (rows.length !== outcomes.length)
    throw new Error(`rows (${rows.length}) and outcomes (${outcomes.length}) differ in length`);
  const positives = outcomes.filter(Boolean).length;
  if (positives === 0 || positives === rows.length) {
    throw new Error('training needs both converted and not-converted leads');
  }
  const selection = selectFeatureFields(options.fields);
  const labels = Uint8Array.from(outcomes, (outcome) => (outcome ? 1 : 0));
  const { encoders, trainingShifts } = fitImpactEncodings(
    rows,
    labels,
    fitEncoders(rows, selection.features),
    options.seed,
  );
  const data = encodeDataset(encoders, rows, trainingShifts);
  const { scheme, folds } = planValidation(rows.length, options);
  const reuseFoldModel = scheme === 'random-holdout';
  const heldOut = validationRows(folds);
  const heldOutLabels = labelsOf(heldOut, labels);

  const learners = options.learners ?? LEARNER_KINDS;
  const candidates: Candidate[] = learners.map((learner) =>
    learner === 'gbdt'
      ? gbdtCandidate(data, labels, folds, options, reuseFoldModel)
      : logisticCandidate(data, labels, folds, options, reuseFoldModel),
  );
  // A blend of the two learners, each on its calibrated log-odds scale, often ranks better than either.
  if (candidates.length === 2) candidates.push(blendCandidate(candidates[0]!, candidates[1]!, heldOutLabels));
  const reports = candidates.map((candidate) => {
    const calibration = fitPlatt(candidate.logits, heldOutLabels);
    const probabilities = candidate.logits.map((z) => calibrate(calibration, z));
    return { candidate, calibration, metrics: classificationMetrics(probabilities, heldOutLabels) };
  });
  const best = reports.reduce((a, b) => (b.metrics.logLoss < a.metrics.logLoss ? b : a));

  const naiveBayesProbabilities = new Float64Array(heldOut.length);
  let offset = 0;
  let foldBaseline: NaiveBayesModel | null = null;
  for (const fold of folds) {
    const trainRows = Array.from(fold.train, (row) => rows[row]!);
    const trainOutcomes = Array.from(fold.train, (row) => outcomes[row]!);
    foldBaseline = trainNaiveBayes(trainRows, trainOutcomes, selection.features, { encoders });
    for (const row of fold.valid)
      naiveBayesProbabilities[offset++] = scoreNaiveBayes(foldBaseline, rows[row]!);
  }

  const finalRows = scheme === 'random-holdout' ? folds[0]!.train : allRows(rows.length);
  const signal = heldOutSignal(best.candidate.logits, best.calibration, heldOutLabels);
  const baseRate = positives / rows.length;
  // Time-ordered rows: a fallback base rate follows the recent rows (see recency-level.ts). A learner's
  // level already does: its calibration is fitted on the most recent rows.
  const halfLife = options.recencyHalfLife ?? DEFAULT_RECENCY_HALF_LIFE;
  const recentRate =
    options.timeOrdered && halfLife > 0 && !signal.significant
      ? weightedRate(labelsOf(finalRows, labels), recencyWeights(finalRows.length, halfLife))
      : undefined;
  const learner: Learner = signal.significant
    ? best.candidate.fit(finalRows)
    : constantLearner(recentRate ?? baseRate);
  const calibration = signal.significant ? best.calibration : IDENTITY_CALIBRATION;
  const others = reports.filter((report) => report !== best);
  const comparison =
    others.length === 0
      ? `${best.candidate.learner} was the only learner asked for`
      : `${best.candidate.learner} had the lower held-out log-loss (${best.metrics.logLoss.toFixed(4)} vs ${others
          .map((other) => `${other.candidate.learner} ${other.metrics.logLoss.toFixed(4)}`)
          .join(', ')})`;
  const level =
    recentRate === undefined
      ? ''
      : ` (the recency-weighted rate ${(100 * recentRate).toFixed(1)} %, half-life ${Math.round(halfLife * 100)} % of the rows; all rows: ${(100 * baseRate).toFixed(1)} %)`;
  const reason = signal.significant
    ? `${comparison}; it beats the base rate by ${signal.gain.toFixed(4)} ± ${signal.standardError.toFixed(4)}`
    : `${comparison}, but its gain over the base rate (${signal.gain.toFixed(4)} ± ${signal.standardError.toFixed(4)}) is within noise, so the score is the base rate${level}`;
  return {
    format: 'triage.predictive/1',
    fields: selection.features,
    excludedFields: selection.excluded,
    encoders,
    learner,
    calibration,
    baseline:
      reuseFoldModel && foldBaseline
        ? foldBaseline
        : trainNaiveBayes(rows, outcomes, selection.features, { encoders }),
    training: {
      rows: rows.length,
      positives,
      baseRate,
      seed: options.seed,
      inputs:
        learner.kind === 'gbdt'
          ? data.columns.length
          : learner.kind === 'logistic'
            ? data.linear.width
            : data.columns.length + data.linear.width,
      ...(recentRate === undefined ? {} : { recentRate }),
    },
    validation: {
      scheme,
      rows: heldOut.length,
      chosen: signal.significant ? best.candidate.learner : 'base-rate',
      candidates: reports.map((report) => ({
        learner: report.candidate.learner,
        metrics: report.metrics,
        detail: report.candidate.detail,
      })),
      naiveBayes: classificationMetrics(naiveBayesProbabilities, heldOutLabels),
      reason,
    },
  };
}

export function describeFeatures(model: TrainedModel): string[] {
  return model.fields.map((field) => `${fieldSpecLabel(field)} (${field.kind})`);
}
