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
