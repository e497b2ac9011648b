import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../src/model-eval/eval-dataset';
import { evaluateOnRows } from '../src/model-eval/model-evaluation';
import { syntheticDataset } from '../src/model-eval/synthetic-datasets';

/** Time-ordered deals whose fields say nothing, while the win rate falls from 55 % to 25 %. */
function driftingWithoutSignal(count: number): CsvRow[] {
  let seed = 11;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: count }, (_, i) => ({
    deal: `D-${i}`,
    agent: ['Ana', 'Bo', 'Cy', 'Di', 'Ed'][Math.floor(random() * 5)]!,
    product: ['Basic', 'Pro', 'Max'][Math.floor(random() * 3)]!,
    outcome: random() < 0.55 - (0.3 * i) / count ? 'Won' : 'Lost',
  }));
}

describe('model evaluation on drifting, time-ordered data', () => {
  it('beats the training base rate on the later rows even when no field carries signal', () => {
    const report = evaluateOnRows(driftingWithoutSignal(4000), {
      target: 'outcome',
      positive: 'Won',
      exclude: ['deal'],
      split: 'ordered',
      seed: 42,
      testFraction: 0.2,
    });
    expect(report.chosen.learner).toBe('base-rate');
    expect(report.chosen.reason).toMatch(/recency-weighted rate/);
    expect(report.model.training.recentRate!).toBeLessThan(report.model.training.baseRate);
    expect(report.chosen.metrics.logLoss).toBeLessThan(report.baseRateLogLoss - 0.005);
  });
});

describe('generated evaluation tables', () => {
  it('hold interactions that the model finds and naive Bayes cannot', () => {
    const rows = syntheticDataset('interactions', 6000, 2024).rows;
    const report = evaluateOnRows(rows, {
      target: 'converted',
      positive: '1',
      exclude: ['lead_id'],
      split: 'random',
      seed: 42,
      testFraction: 0.2,
    });
    expect(report.chosen.metrics.rocAuc).toBeGreaterThan(report.naiveBayes.metrics.rocAuc + 0.02);
    expect(report.chosen.metrics.logLoss).toBeLessThan(report.baseRateLogLoss);
  });

  it('are reproducible for a seed and differ between seeds', () => {
    const first = syntheticDataset('drift', 200, 1);
    expect(syntheticDataset('drift', 200, 1)).toEqual(first);
    expect(syntheticDataset('drift', 200, 2).rows).not.toEqual(first.rows);
    expect(first.truth.every((p) => p > 0 && p < 1)).toBe(true);
  });
});
