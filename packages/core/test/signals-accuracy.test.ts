import { describe, expect, it } from 'vitest';
import { DEV_FIXTURES, HELD_OUT_FIXTURES } from './fixtures/conversations';
import { precision, recall, scoreFixtures } from './signals-scoring';

describe('conversation analyzer accuracy on the labelled corpus', () => {
  const dev = scoreFixtures(DEV_FIXTURES);

  it('has at least 80 notes and transcripts, with a held-out part', () => {
    expect(DEV_FIXTURES.length + HELD_OUT_FIXTURES.length).toBeGreaterThanOrEqual(80);
    expect(HELD_OUT_FIXTURES.length).toBeGreaterThanOrEqual(20);
    const ids = [...DEV_FIXTURES, ...HELD_OUT_FIXTURES].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(['budget', 'authority', 'need', 'timeline'] as const)(
    '%s: precision ≥ 0.90 and recall ≥ 0.80',
    (concept) => {
      expect(precision(dev.concepts[concept])).toBeGreaterThanOrEqual(0.9);
      expect(recall(dev.concepts[concept])).toBeGreaterThanOrEqual(0.8);
    },
  );

  it('classifies the rep’s questions open or closed with accuracy ≥ 0.90, and finds them all', () => {
    expect(dev.questions.found).toBe(dev.questions.expected);
    expect(dev.questions.correctKind / dev.questions.found).toBeGreaterThanOrEqual(0.9);
  });

  it('resolves the labelled date ranges for their reference dates', () => {
    // One labelled range is ambiguous ("the second half" said in November); see the README.
    expect(dev.dateRanges.correct / dev.dateRanges.expected).toBeGreaterThanOrEqual(0.97);
  });

  it('normalises budget amounts and roles', () => {
    expect(recall(dev.budgets)).toBeGreaterThanOrEqual(0.9);
    expect(precision(dev.budgets)).toBeGreaterThanOrEqual(0.9);
    expect(recall(dev.roles)).toBeGreaterThanOrEqual(0.9);
  });
});
