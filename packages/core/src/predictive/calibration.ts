import { sigmoid } from './logistic-math';

/**
 * Platt scaling: p = sigmoid(a * z + b), fitted on held-out log-odds z. Chosen over isotonic
 * regression because it is monotone *and linear in z*, so per-feature contributions to z stay
 * exact contributions to the calibrated log-odds (each scaled by a).
 */
export type PlattCalibration = { method: 'platt'; a: number; b: number };

export const IDENTITY_CALIBRATION: PlattCalibration = { method: 'platt', a: 1, b: 0 };

export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibration {
  const n = logits.length;
  if (n === 0) return IDENTITY_CALIBRATION;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ? 1 : 0;
  // Platt's smoothed targets keep a separable holdout from pushing a to infinity.
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (n - positives + 2);
  let a = 1;
  let b = 0;
  const ridge = 1e-6;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = ridge * a;
    let gb = 0;
    let haa = ridge;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const z = logits[i]!;
      const t = labels[i] ? high : low;
      const p = sigmoid(a * z + b);
      const r = p - t;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * z;
      gb += r;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { method: 'platt', a: Number.isFinite(a) ? a : 1, b: Number.isFinite(b) ? b : 0 };
}

export function calibratedLogit(calibration: PlattCalibration, logit: number): number {
  return calibration.a * logit + calibration.b;
}

export function calibrate(calibration: PlattCalibration, logit: number): number {
  return sigmoid(calibration.a * logit + calibration.b);
}

/**
 * Stacking weights: p = sigmoid(offset + sum(weights[k] × inputs[k])), fitted by Newton's method on
 * held-out log-odds of several learners, with a light ridge so that two near-identical learners
 * share their weight instead of cancelling out with large opposite signs.
 */
export function fitStack(
  inputs: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  ridge = 1,
): { offset: number; weights: number[] } {
  const k = inputs.length;
  const n = labels.length;
  const size = k + 1;
  const params = new Float64Array(size);
  for (let j = 0; j < k; j++) params[j] = 1 / k;
  const x = new Float64Array(size);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Float64Array(size);
    const hessian = new Float64Array(size * size);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) x[j] = inputs[j]![i]!;
      x[k] = 1;
      let z = 0;
      for (let j = 0; j < size; j++) z += params[j]! * x[j]!;
      const p = sigmoid(z);
      const r = p - (labels[i] ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < size; a++) {
        gradient[a]! += r * x[a]!;
        for (let b = 0; b < size; b++) hessian[a * size + b]! += w * x[a]! * x[b]!;
      }
    }
    for (let j = 0; j < k; j++) {
      gradient[j]! += ridge * params[j]!;
      hessian[j * size + j]! += ridge;
    }
    hessian[k * size + k]! += 1e-9;
    const step = solveSymmetric(hessian, gradient, size);
    let largest = 0;
    for (let j = 0; j < size; j++) {
      params[j]! -= step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-10) break;
  }
  return { offset: params[k]!, weights: Array.from(params.subarray(0, k)) };
}

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with pivoting). */
function solveSymmetric(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(vector);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) {
      if (Math.abs(a[row * size + col]!) > Math.abs(a[pivot * size + col]!)) pivot = row;
    }
    if (pivot !== col) {
      for (let c = 0; c < size; c++) {
        const swap = a[col * size + c]!;
        a[col * size + c] = a[pivot * size + c]!;
        a[pivot * size + c] = swap;
      }
      const swap = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = swap;
    }
    const diagonal = a[col * size + col]!;
    if (Math.abs(diagonal) < 1e-18) continue;
    for (let row = col + 1; row < size; row++) {
      const factor = a[row * size + col]! / diagonal;
      if (factor === 0) continue;
      for (let c = col; c < size; c++) a[row * size + c]! -= factor * a[col * size + c]!;
      b[row]! -= factor * b[col]!;
    }
  }
  const x = new Float64Array(size);
  for (let row = size - 1; row >= 0; row--) {
    let total = b[row]!;
    for (let c = row + 1; c < size; c++) total -= a[row * size + c]! * x[c]!;
    const diagonal = a[row * size + row]!;
    x[row] = Math.abs(diagonal) < 1e-18 ? 0 : total / diagonal;
  }
  return x;
}
