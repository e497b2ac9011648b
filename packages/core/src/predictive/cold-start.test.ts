import { describe, expect, it } from 'vitest';
import {
  coldStartScore,
  leadPredictiveScore,
  MIN_CLOSED_LEADS_FOR_MODEL,
  MIN_OUTCOMES_PER_CLASS,
  predictiveReadiness,
} from './cold-start';
import type { FieldSpec } from './field-spec';
import { trainPredictiveModel } from './predictive-model';
import { KNOWN_FIELDS, knownAnswerLeads } from './test-data';

describe('cold start', () => {
  it('refuses a learned score from a dozen deals and says why', () => {
    const readiness = predictiveReadiness({ won: 5, lost: 7 });
    expect(readiness.ready).toBe(false);
    expect(readiness.reason).toContain('12 closed leads');
    expect(readiness.reason).toContain(String(MIN_CLOSED_LEADS_FOR_MODEL));
  });

  it('also needs enough of each outcome', () => {
    expect(predictiveReadiness({ won: MIN_OUTCOMES_PER_CLASS - 1, lost: 500 }).ready).toBe(false);
    expect(predictiveReadiness({ won: MIN_OUTCOMES_PER_CLASS, lost: 500 }).ready).toBe(true);
  });

  it('falls back to fit and engagement on a 0–100 scale, never a probability', () => {
    const cold = coldStartScore({ fitScore: 80, engagementPoints: 0 });
    expect(cold.probability).toBeNull();
    expect(cold.score).toBeCloseTo(48, 9);
    const hotter = coldStartScore({ fitScore: 80, engagementPoints: 40 });
    expect(hotter.score).toBeGreaterThan(cold.score);
    expect(hotter.score).toBeLessThanOrEqual(100);
  });

  it('uses the model only when it was trained on enough closed leads', () => {
    const fields = KNOWN_FIELDS as unknown as FieldSpec[];
    const small = knownAnswerLeads(60, 1);
    const large = knownAnswerLeads(600, 1);
    const row = large.rows[0]!;
    const smallModel = trainPredictiveModel(small.rows, small.outcomes, { fields, seed: 1 });
    const largeModel = trainPredictiveModel(large.rows, large.outcomes, { fields, seed: 1 });
    const input = { fitScore: 50, engagementPoints: 10, outcomes: { won: 300, lost: 300 }, row };
    expect(leadPredictiveScore({ ...input, model: null }).mode).toBe('cold-start');
    expect(leadPredictiveScore({ ...input, model: smallModel }).mode).toBe('cold-start');
    const scored = leadPredictiveScore({ ...input, model: largeModel });
    expect(scored.mode).toBe('model');
    expect(scored.probability).toBeGreaterThan(0);
  });
});
