import { describe, expect, it } from 'vitest';
import { scoreNaiveBayes, trainNaiveBayes } from './naive-bayes';

describe('naive Bayes baseline', () => {
  const rows = [
    { source: 'referral' },
    { source: 'referral' },
    { source: 'referral' },
    { source: 'ads' },
    { source: 'ads' },
    { source: 'ads' },
  ];
  const outcomes = [true, true, false, false, false, true];
  const model = trainNaiveBayes(rows, outcomes, [{ name: 'source', kind: 'categorical' }]);

  it('combines smoothed won/lost frequencies as Pw·P(v|won) / (Pw·P(v|won) + Pl·P(v|lost))', () => {
    // 3 won, 3 lost, 2 levels, alpha 0.1: P(referral|won) = 2.1/3.2, P(referral|lost) = 1.1/3.2.
    const won = 0.5 * (2.1 / 3.2);
    const lost = 0.5 * (1.1 / 3.2);
    expect(scoreNaiveBayes(model, { source: 'referral' })).toBeCloseTo(won / (won + lost), 12);
  });

  it('ignores a value it never saw, leaving the prior', () => {
    expect(scoreNaiveBayes(model, { source: 'billboard' })).toBeCloseTo(0.5, 12);
  });
});
