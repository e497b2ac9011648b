import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recencyWeights, weightedRate } from './recency-level';

describe('recency weights', () => {
  it('halve every half-life, counted back from the newest row', () => {
    const weights = recencyWeights(101, 0.1);
    expect(weights[100]).toBe(1);
    expect(weights[90]).toBeCloseTo(0.5, 2);
    expect(weights[80]).toBeCloseTo(0.25, 2);
  });

  it('weigh every row alike when turned off', () => {
    expect([...recencyWeights(5, 0)]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('weighted rate', () => {
  it('follows a rate that fell during the period', () => {
    // 60 % converted in the first half, 20 % in the second.
    const labels = Array.from({ length: 1000 }, (_, i) => ((i < 500 ? i % 5 < 3 : i % 5 === 0) ? 1 : 0));
    const flat = weightedRate(labels, recencyWeights(1000, 0));
    const recent = weightedRate(labels, recencyWeights(1000, 0.25));
    expect(flat).toBeCloseTo(0.4, 2);
    expect(recent).toBeLessThan(0.3);
    expect(recent).toBeGreaterThan(0.2);
  });

  it('stays strictly between 0 and 1 whatever the labels', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }), (flags) => {
        const labels = flags.map((flag) => (flag ? 1 : 0));
        const rate = weightedRate(labels, recencyWeights(labels.length, 0.25));
        expect(rate).toBeGreaterThan(0);
        expect(rate).toBeLessThan(1);
      }),
    );
  });
});
