import { calibratedLogit } from './calibration';
import {
  type CompiledEncoder,
  compileEncoder,
  type FieldEncoder,
  linearWidth,
  treeColumns,
} from './feature-encoder';
import { flattenForest, forestContributions, type GbdtModel } from './gbdt';
import { sigmoid } from './logistic-math';
import type { Learner, LinearLearner, TrainedModel } from './predictive-model';

export type Contribution = {
  /** The field name. */
  feature: string;
  /** What a rep reads: "Lead Source: Referral". */
  label: string;
  /** The field's share of the calibrated log-odds, relative to the average lead. */
  logit: number;
  /**
   * The same share in probability points (0–100 scale). The points of all fields add up exactly to
   * 100 × (probability − baseProbability): each field's log-odds share is converted at the slope of the
   * logistic curve between the average lead and this one.
   */
  points: number;
};

export type PredictiveScore = {
  probability: number;
  /** The calibrated probability of the average training lead, where every explanation starts. */
  baseProbability: number;
  /** Calibrated log-odds; equals baseLogit + the sum of the contributions' logit. */
  logit: number;
  baseLogit: number;
  /** One entry per field, largest absolute effect first. */
  contributions: Contribution[];
};

type Scorer = (row: Record<string, unknown>) => PredictiveScore;

function contributionsFrom(
  model: TrainedModel,
  compiled: readonly CompiledEncoder[],
  row: Record<string, unknown>,
  rawBase: number,
  rawByField: Float64Array,
): PredictiveScore {
  const { a } = model.calibration;
  const baseLogit = calibratedLogit(model.calibration, rawBase);
  let total = 0;
  for (let f = 0; f < rawByField.length; f++) total += a * rawByField[f]!;
  const logit = baseLogit + total;
  const probability = sigmoid(logit);
  const baseProbability = sigmoid(baseLogit);
  // Secant slope of the logistic curve between the average lead and this one; its derivative when they meet.
  const slope =
    Math.abs(total) > 1e-9
      ? (probability - baseProbability) / total
      : baseProbability * (1 - baseProbability);
  const contributions: Contribution[] = compiled.map((encoder, f) => {
    const share = a * rawByField[f]!;
    return {
      feature: encoder.encoder.field,
      label: `${encoder.encoder.label}: ${encoder.describe(row)}`,
      logit: share,
      points: 100 * slope * share,
    };
  });
  contributions.sort((x, y) => Math.abs(y.logit) - Math.abs(x.logit));
  return { probability, baseProbability, logit, baseLogit, contributions };
}

/** A learner's raw log-odds for one row, split per field: raw = base + sum(byField). */
type RawAttribution = (row: Record<string, unknown>, byField: Float64Array) => number;

function compileGbdt(
  learner: GbdtModel,
  encoders: readonly FieldEncoder[],
  compiled: readonly CompiledEncoder[],
): { base: number; attribute: RawAttribution } {
  const columns = treeColumns(encoders);
  const forest = flattenForest(learner, columns);
  const columnEncoder = Int32Array.from(columns, (column) => column.encoder);
  const bins = new Uint8Array(columns.length);
  const byColumn = new Float64Array(columns.length);
  return {
    base: forest.expected,
    attribute: (row, byField) => {
      let offset = 0;
      for (const encoder of compiled) offset += encoder.writeBins(row, bins, offset);
      forestContributions(forest, bins, byColumn);
      for (let c = 0; c < byColumn.length; c++) byField[columnEncoder[c]!]! += byColumn[c]!;
      return forest.expected;
    },
  };
}

function compileLinear(
  learner: LinearLearner,
  encoders: readonly FieldEncoder[],
  compiled: readonly CompiledEncoder[],
): { base: number; attribute: RawAttribution } {
  const offsets: number[] = [];
  let width = 0;
  for (const encoder of encoders) {
    offsets.push(width);
    width += linearWidth(encoder);
  }
  const featureField = new Int32Array(width);
  encoders.forEach((encoder, f) => {
    featureField.fill(f, offsets[f]!, offsets[f]! + linearWidth(encoder));
  });
  // Contributions are measured from the average training lead: w·(x − mean) per field.
  let base = learner.intercept;
  const meanShareByField = new Float64Array(compiled.length);
  for (let j = 0; j < width; j++) {
    const share = learner.weights[j]! * learner.featureMeans[j]!;
    base += share;
    meanShareByField[featureField[j]!]! += share;
  }
  const indices: number[] = [];
  const values: number[] = [];
  return {
    base,
    attribute: (row, byField) => {
      indices.length = 0;
      values.length = 0;
      compiled.forEach((encoder, f) => {
        encoder.writeLinear(row, offsets[f]!, indices, values);
      });
      for (let k = 0; k < indices.length; k++) {
        byField[featureField[indices[k]!]!]! += learner.weights[indices[k]!]! * values[k]!;
      }
      for (let f = 0; f < byField.length; f++) byField[f]! -= meanShareByField[f]!;
      return base;
    },
  };
}

function compileLearner(
  learner: Learner,
  encoders: readonly FieldEncoder[],
  compiled: readonly CompiledEncoder[],
): { base: number; attribute: RawAttribution } {
  if (learner.kind === 'gbdt') return compileGbdt(learner, encoders, compiled);
  if (learner.kind === 'logistic') return compileLinear(learner, encoders, compiled);
  const parts = learner.parts.map((part) => ({
    weight: part.weight,
    ...compileLearner(part.learner, encoders, compiled),
  }));
  const scratch = new Float64Array(compiled.length);
  let base = learner.offset;
  for (const part of parts) base += part.weight * part.base;
  return {
    base,
    attribute: (row, byField) => {
      for (const part of parts) {
        scratch.fill(0);
        part.attribute(row, scratch);
        for (let f = 0; f < byField.length; f++) byField[f]! += part.weight * scratch[f]!;
      }
      return base;
    },
  };
}

/** Prepares a trained model for fast repeated scoring (lookup tables, typed arrays). */
export function compileModel(model: TrainedModel): Scorer {
  const compiled = model.encoders.map((encoder) => compileEncoder(encoder));
  const { attribute } = compileLearner(model.learner, model.encoders, compiled);
  return (row) => {
    const byField = new Float64Array(compiled.length);
    const base = attribute(row, byField);
    return contributionsFrom(model, compiled, row, base, byField);
  };
}

const scorers = new WeakMap<TrainedModel, Scorer>();

/**
 * P(convert) of one lead with its explanation. Compiles the model on first use and caches it per
 * model object, so scoring a stream of lead changes costs a few microseconds each.
 */
export function scoreWithModel(model: TrainedModel, row: Record<string, unknown>): PredictiveScore {
  let scorer = scorers.get(model);
  if (!scorer) {
    scorer = compileModel(model);
    scorers.set(model, scorer);
  }
  return scorer(row);
}

/** The top reasons either way, for display: the `limit` largest raising and lowering fields. */
export function topContributions(
  score: PredictiveScore,
  limit = 3,
): { raising: Contribution[]; lowering: Contribution[] } {
  return {
    raising: score.contributions.filter((c) => c.points > 0.05).slice(0, limit),
    lowering: score.contributions.filter((c) => c.points < -0.05).slice(0, limit),
  };
}

/** "Lead Source: Referral +18 pts". */
export function formatContribution(contribution: Contribution): string {
  const points = Math.round(contribution.points);
  return `${contribution.label} ${points >= 0 ? '+' : '−'}${Math.abs(points)} pts`;
}
