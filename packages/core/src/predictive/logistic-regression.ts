import type { SparseMatrix } from './feature-encoder';

/**
 * L2-regularised logistic regression over a sparse design, fitted by L-BFGS. Minimises
 * sum(log-loss) + lambda / 2 * |w|^2 (the intercept is not penalised).
 */

export type LogisticModel = {
  kind: 'logistic';
  intercept: number;
  weights: number[];
  lambda: number;
};

export type LogisticOptions = {
  lambda: number;
  maxIterations?: number;
  /** Stop when an iteration improves the objective by less than this relative amount. */
  tolerance?: number;
  /** Start from these parameters ([intercept, ...weights]), e.g. the fit for a neighbouring lambda. */
  start?: LogisticModel;
};

function rowDot(matrix: SparseMatrix, row: number, weights: Float64Array): number {
  let total = 0;
  for (let k = matrix.rowStart[row]!; k < matrix.rowStart[row + 1]!; k++) {
    total += matrix.values[k]! * weights[matrix.indices[k]!]!;
  }
  return total;
}

/** Loss and gradient at params = [intercept, ...weights]. */
function evaluate(
  matrix: SparseMatrix,
  rows: Int32Array,
  labels: Uint8Array,
  params: Float64Array,
  lambda: number,
  gradient: Float64Array,
): number {
  gradient.fill(0);
  const weights = params.subarray(1);
  const intercept = params[0]!;
  let loss = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const z = intercept + rowDot(matrix, row, weights);
    const y = labels[row]!;
    const e = Math.exp(-Math.abs(z));
    loss += Math.max(z, 0) + Math.log1p(e) - (y ? z : 0);
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const residual = p - y;
    gradient[0]! += residual;
    for (let j = matrix.rowStart[row]!; j < matrix.rowStart[row + 1]!; j++) {
      gradient[1 + matrix.indices[j]!]! += residual * matrix.values[j]!;
    }
  }
  for (let j = 1; j < params.length; j++) {
    loss += 0.5 * lambda * params[j]! * params[j]!;
    gradient[j]! += lambda * params[j]!;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]! * b[i]!;
  return total;
}

export function trainLogistic(
  matrix: SparseMatrix,
  labels: Uint8Array,
  rows: Int32Array,
  options: LogisticOptions,
): LogisticModel {
  const size = matrix.width + 1;
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-6;
  const memory = 10;
  const params = new Float64Array(size);
  let positives = 0;
  for (const row of rows) positives += labels[row]!;
  const rate = (positives + 0.5) / (rows.length + 1);
  params[0] = Math.log(rate / (1 - rate));
  if (options.start) {
    params[0] = options.start.intercept;
    params.set(options.start.weights, 1);
  }
  const gradient = new Float64Array(size);
  let loss = evaluate(matrix, rows, labels, params, options.lambda, gradient);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const direction = new Float64Array(size);
  const nextParams = new Float64Array(size);
  const nextGradient = new Float64Array(size);
  const alphas = new Float64Array(memory);
  const scale = Math.max(1, rows.length);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Two-loop recursion: direction = -H * gradient.
    direction.set(gradient);
    for (let m = sHistory.length - 1; m >= 0; m--) {
      const rho = 1 / dot(yHistory[m]!, sHistory[m]!);
      const alpha = rho * dot(sHistory[m]!, direction);
      alphas[m] = alpha;
      const y = yHistory[m]!;
      for (let i = 0; i < size; i++) direction[i]! -= alpha * y[i]!;
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      const gamma = dot(sHistory[last]!, yHistory[last]!) / dot(yHistory[last]!, yHistory[last]!);
      for (let i = 0; i < size; i++) direction[i]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(gradient, gradient));
      for (let i = 0; i < size; i++) direction[i]! /= Math.max(norm, 1);
    }
    for (let m = 0; m < sHistory.length; m++) {
      const rho = 1 / dot(yHistory[m]!, sHistory[m]!);
      const beta = rho * dot(yHistory[m]!, direction);
      const s = sHistory[m]!;
      for (let i = 0; i < size; i++) direction[i]! += s[i]! * (alphas[m]! - beta);
    }
    for (let i = 0; i < size; i++) direction[i] = -direction[i]!;
    let slope = dot(direction, gradient);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      sHistory.length = 0;
      yHistory.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -gradient[i]!;
      slope = dot(direction, gradient);
    }
    // Backtracking line search (Armijo).
    let step = 1;
    let nextLoss = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 30; attempt++) {
      for (let i = 0; i < size; i++) nextParams[i] = params[i]! + step * direction[i]!;
      nextLoss = evaluate(matrix, rows, labels, nextParams, options.lambda, nextGradient);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextLoss < loss)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = nextParams[i]! - params[i]!;
      y[i] = nextGradient[i]! - gradient[i]!;
    }
    if (dot(s, y) > 1e-12) {
      sHistory.push(s);
      yHistory.push(y);
      if (sHistory.length > memory) {
        sHistory.shift();
        yHistory.shift();
      }
    }
    const improvement = (loss - nextLoss) / Math.max(nextLoss, 1e-12);
    params.set(nextParams);
    gradient.set(nextGradient);
    loss = nextLoss;
    if (improvement < tolerance || Math.sqrt(dot(gradient, gradient)) / scale < tolerance) break;
  }
  return {
    kind: 'logistic',
    intercept: params[0]!,
    weights: Array.from(params.subarray(1)),
    lambda: options.lambda,
  };
}

/** Raw log-odds of the given rows. */
export function logisticLogits(model: LogisticModel, matrix: SparseMatrix, rows: Int32Array): Float64Array {
  const weights = Float64Array.from(model.weights);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = model.intercept + rowDot(matrix, rows[k]!, weights);
  return out;
}
