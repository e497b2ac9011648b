import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  brierScore,
  expectedCalibrationError,
  logLoss,
  prAuc,
  reliabilityTable,
  rocAuc,
  topDecileLift,
} from './metrics';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score ties', () => {
    const labels = [false, false, true, true];
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], labels)).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], labels)).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], labels)).toBe(0.5);
  });

  it('matches a hand count of correctly ordered positive-negative pairs', () => {
    // Pairs (pos, neg): (0.35, 0.1) ok, (0.35, 0.4) wrong, (0.8, 0.1) ok, (0.8, 0.4) ok → 3 of 4.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    // A tie between a positive and a negative counts half: (0.5 vs 0.5) = 0.5, (0.5 vs 0.2) = 1 → 0.75.
    expect(rocAuc([0.5, 0.5, 0.2], [true, false, false])).toBe(0.75);
  });

  it('is NaN without both outcomes', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
  });

  it('does not change under a monotone transform and mirrors when scores are reversed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
        (pairs) => {
          const scores = pairs.map(([score]) => score);
          const labels = pairs.map(([, label]) => label);
          const auc = rocAuc(scores, labels);
          if (Number.isNaN(auc)) return;
          expect(
            rocAuc(
              scores.map((s) => Math.exp(s / 4)),
              labels,
            ),
          ).toBeCloseTo(auc, 12);
          expect(
            rocAuc(
              scores.map((s) => 1 - s),
              labels,
            ),
          ).toBeCloseTo(1 - auc, 12);
        },
      ),
    );
  });
});

describe('prAuc', () => {
  it('is the average precision at each positive', () => {
    // Ranked: 0.9 (pos, precision 1/1), 0.8 (neg), 0.7 (pos, precision 2/3) → (1 + 2/3) / 2.
    expect(prAuc([0.9, 0.8, 0.7], [true, false, true])).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(prAuc([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
  });
});

describe('probability metrics', () => {
  it('computes log-loss and Brier score by hand', () => {
    expect(logLoss([0.8, 0.4], [true, false])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(brierScore([0.8, 0.4], [true, false])).toBeCloseTo((0.04 + 0.16) / 2, 12);
  });

  it('does not return infinity for a confident miss', () => {
    expect(Number.isFinite(logLoss([0], [true]))).toBe(true);
  });
});

describe('topDecileLift', () => {
  it('compares the conversion rate of the top 10 % with the overall rate', () => {
    const scores = Array.from({ length: 20 }, (_, i) => i);
    // Top 2 of 20 are both positive; 4 positives overall → (2/2) / (4/20) = 5.
    const labels = scores.map((i) => i >= 18 || i === 0 || i === 5);
    expect(topDecileLift(scores, labels)).toBeCloseTo(5, 12);
  });
});

describe('reliabilityTable', () => {
  it('puts each forecast in one of ten bins with its mean and observed rate', () => {
    const table = reliabilityTable([0.05, 0.15, 0.12, 0.95, 1], [false, true, false, true, true]);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ count: 1, observedRate: 0 });
    expect(table[1]!.count).toBe(2);
    expect(table[1]!.meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1]!.observedRate).toBe(0.5);
    expect(table[9]!.count).toBe(2);
    expect(table[5]!.count).toBe(0);
    expect(table[5]!.observedRate).toBeNaN();
  });

  it('shows a well-calibrated forecaster as a small calibration error', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const probabilities = Array.from({ length: 20000 }, () => random());
    const labels = probabilities.map((p) => random() < p);
    expect(expectedCalibrationError(reliabilityTable(probabilities, labels))).toBeLessThan(0.02);
    const overconfident = probabilities.map((p) => (p > 0.5 ? 0.99 : 0.01));
    expect(expectedCalibrationError(reliabilityTable(overconfident, labels))).toBeGreaterThan(0.2);
  });
});
