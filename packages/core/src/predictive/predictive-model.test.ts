import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPlatt } from './calibration';
import type { FieldSpec } from './field-spec';
import { sigmoid } from './logistic-math';
import { rocAuc } from './metrics';
import { formatContribution, scoreWithModel, topContributions } from './model-scorer';
import { type LearnerKind, trainPredictiveModel } from './predictive-model';
import { KNOWN_FIELDS, knownAnswerLeads } from './test-data';

const fields = KNOWN_FIELDS as unknown as FieldSpec[];

function train(shape: 'additive' | 'interaction', learners: readonly LearnerKind[], count = 3000) {
  const data = knownAnswerLeads(count, 7, shape);
  const model = trainPredictiveModel(data.rows, data.outcomes, { fields, seed: 3, learners });
  const test = knownAnswerLeads(2000, 99, shape);
  const probabilities = test.rows.map((row) => scoreWithModel(model, row).probability);
  return { model, test, probabilities };
}

function meanAbsoluteError(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0) / a.length;
}

describe('logistic regression', () => {
  it('recovers the true probabilities of an additive model', () => {
    const { model, test, probabilities } = train('additive', ['logistic']);
    expect(model.learner.kind).toBe('logistic');
    expect(meanAbsoluteError(probabilities, test.truth)).toBeLessThan(0.04);
  });
});

describe('gradient-boosted trees', () => {
  it('learn an interaction a linear model cannot express', () => {
    const trees = train('interaction', ['gbdt']);
    const linear = train('interaction', ['logistic']);
    expect(rocAuc(trees.probabilities, trees.test.outcomes)).toBeGreaterThan(0.75);
    expect(meanAbsoluteError(trees.probabilities, trees.test.truth)).toBeLessThan(0.06);
    expect(rocAuc(linear.probabilities, linear.test.outcomes)).toBeLessThan(0.6);
  });

  it('also fit the additive model well', () => {
    const { test, probabilities } = train('additive', ['gbdt']);
    expect(meanAbsoluteError(probabilities, test.truth)).toBeLessThan(0.06);
  });
});

describe('model choice', () => {
  it('chooses the trees’ leaf budget on held-out rows when given a grid, and says so', () => {
    const data = knownAnswerLeads(3000, 7, 'interaction');
    const model = trainPredictiveModel(data.rows, data.outcomes, {
      fields,
      seed: 3,
      learners: ['gbdt'],
      gbdtLeafGrid: [4, 16],
    });
    expect(model.validation.candidates[0]!.detail).toMatch(/chosen from 4 leaves: [\d.]+, 16 leaves: [\d.]+/);
    const test = knownAnswerLeads(2000, 99, 'interaction');
    const probabilities = test.rows.map((row) => scoreWithModel(model, row).probability);
    expect(rocAuc(probabilities, test.outcomes)).toBeGreaterThan(0.75);
  });

  it('picks the learner with the lower held-out log-loss and reports every candidate', () => {
    const { model } = train('interaction', ['gbdt', 'logistic']);
    expect(model.validation.chosen).not.toBe('logistic');
    expect(model.validation.candidates.map((candidate) => candidate.learner)).toEqual([
      'gbdt',
      'logistic',
      'blend',
    ]);
    expect(model.validation.naiveBayes.rocAuc).toBeLessThan(model.validation.candidates[0]!.metrics.rocAuc);
  });

  it('falls back to the base rate when no field carries signal', () => {
    const data = knownAnswerLeads(1500, 5);
    const outcomes = data.rows.map((_, i) => (i * 7919) % 10 < 3);
    const model = trainPredictiveModel(data.rows, outcomes, { fields, seed: 1 });
    expect(model.validation.chosen).toBe('base-rate');
    expect(scoreWithModel(model, data.rows[0]!).probability).toBeCloseTo(0.3, 2);
    expect(model.validation.reason).toMatch(/within noise/);
  });

  it('falls back to the recent rate, not the all-time one, when time-ordered rows drift', () => {
    const data = knownAnswerLeads(2000, 5);
    // No field carries signal; the rate falls from 50 % in the first half to 20 % in the second.
    const outcomes = data.rows.map((_, i) => (i * 7919) % 10 < (i < 1000 ? 5 : 2));
    const ordered = trainPredictiveModel(data.rows, outcomes, { fields, seed: 1, timeOrdered: true });
    expect(ordered.validation.chosen).toBe('base-rate');
    expect(ordered.training.baseRate).toBeCloseTo(0.35, 2);
    const probability = scoreWithModel(ordered, data.rows[0]!).probability;
    expect(probability).toBeLessThan(0.3);
    expect(probability).toBeCloseTo(ordered.training.recentRate!, 9);
    expect(ordered.validation.reason).toMatch(/recency-weighted rate/);
    const flat = trainPredictiveModel(data.rows, outcomes, {
      fields,
      seed: 1,
      timeOrdered: true,
      recencyHalfLife: 0,
    });
    expect(scoreWithModel(flat, data.rows[0]!).probability).toBeCloseTo(0.35, 2);
  });

  it('is deterministic for a seed and serialisable as JSON', () => {
    const data = knownAnswerLeads(800, 11);
    const first = trainPredictiveModel(data.rows, data.outcomes, { fields, seed: 4 });
    const second = trainPredictiveModel(data.rows, data.outcomes, { fields, seed: 4 });
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    const restored = JSON.parse(JSON.stringify(first));
    for (const row of data.rows.slice(0, 20)) {
      expect(scoreWithModel(restored, row).probability).toBe(scoreWithModel(first, row).probability);
    }
  });

  it('never trains on a post-outcome field, even when it predicts perfectly', () => {
    const data = knownAnswerLeads(600, 2);
    const rows = data.rows.map((row, i) => ({ ...row, close_value: data.outcomes[i] ? '1000' : '0' }));
    const model = trainPredictiveModel(rows, data.outcomes, {
      fields: [...fields, { name: 'close_value', kind: 'numeric' }],
      seed: 1,
    });
    expect(model.fields.map((field) => field.name)).not.toContain('close_value');
    expect(model.excludedFields.map((field) => field.name)).toEqual(['close_value']);
  });
});

describe('explanations', () => {
  const models = (['gbdt', 'logistic'] as const).map((learner) => train('additive', [learner], 2000).model);
  const blend = trainPredictiveModel(knownAnswerLeads(2000, 8).rows, knownAnswerLeads(2000, 8).outcomes, {
    fields,
    seed: 2,
  });

  it('add up exactly to the score, for every learner', () => {
    const leads = knownAnswerLeads(200, 13).rows;
    for (const model of [...models, blend]) {
      for (const row of leads) {
        const score = scoreWithModel(model, row);
        const logitSum = score.contributions.reduce((sum, c) => sum + c.logit, 0);
        const pointSum = score.contributions.reduce((sum, c) => sum + c.points, 0);
        expect(score.baseLogit + logitSum).toBeCloseTo(score.logit, 9);
        expect(sigmoid(score.logit)).toBeCloseTo(score.probability, 12);
        expect(pointSum).toBeCloseTo(100 * (score.probability - score.baseProbability), 9);
      }
    }
  });

  it('add up for arbitrary, messy leads too', () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.constant(''), fc.boolean());
    fc.assert(
      fc.property(
        fc.record({ visits: value, source: value, flag_a: value, flag_b: value, noise: value }),
        (row) => {
          for (const model of [...models, blend]) {
            const score = scoreWithModel(model, row);
            const sum = score.contributions.reduce((total, c) => total + c.logit, 0);
            expect(score.baseLogit + sum).toBeCloseTo(score.logit, 9);
            expect(score.probability).toBeGreaterThanOrEqual(0);
            expect(score.probability).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('name the field and value in words a rep reads, pointing the right way', () => {
    const [trees] = models;
    const referral = scoreWithModel(trees!, {
      visits: '0',
      source: 'referral',
      flag_a: 'No',
      flag_b: 'No',
      noise: 'x',
    });
    const ads = scoreWithModel(trees!, {
      visits: '0',
      source: 'ads',
      flag_a: 'No',
      flag_b: 'No',
      noise: 'x',
    });
    const sourceOf = (score: typeof referral) => score.contributions.find((c) => c.feature === 'source')!;
    expect(sourceOf(referral).label).toBe('Lead source: referral');
    expect(sourceOf(referral).points).toBeGreaterThan(0);
    expect(sourceOf(ads).points).toBeLessThan(0);
    expect(formatContribution(sourceOf(referral))).toMatch(/^Lead source: referral \+\d+ pts$/);
    const high = scoreWithModel(trees!, {
      visits: '1.9',
      source: 'referral',
      flag_a: 'No',
      flag_b: 'No',
      noise: 'x',
    });
    expect(topContributions(high).raising[0]!.feature).toBe('visits');
  });
});

describe('Platt calibration', () => {
  it('recovers the scale of over-confident log-odds', () => {
    const logits: number[] = [];
    const labels: number[] = [];
    let seed = 3;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 20000; i++) {
      const z = random() * 8 - 4;
      logits.push(z);
      labels.push(random() < sigmoid(z / 2 + 0.5) ? 1 : 0);
    }
    const calibration = fitPlatt(logits, labels);
    expect(calibration.a).toBeCloseTo(0.5, 1);
    expect(calibration.b).toBeCloseTo(0.5, 1);
  });
});
