import { describe, expect, it } from 'vitest';
import { BUILT_IN_FRAMEWORKS, FRAMEWORK_KEYS, getBuiltInFramework } from './built-in-frameworks';
import { CONCEPTS } from './concepts';
import { criteriaForConcept } from './criteria-for-concept';
import { validateFramework } from './framework-schema';

const EXPECTED_CRITERIA: Record<string, string[]> = {
  bant: ['budget', 'authority', 'need', 'timeline'],
  anum: ['authority', 'need', 'urgency', 'money'],
  faint: ['funds', 'authority', 'interest', 'need', 'timing'],
  champ: ['challenges', 'authority', 'money', 'prioritization'],
  meddic: ['metrics', 'economic_buyer', 'decision_criteria', 'decision_process', 'identify_pain', 'champion'],
  meddpicc: [
    'metrics',
    'economic_buyer',
    'decision_criteria',
    'decision_process',
    'paper_process',
    'identify_pain',
    'champion',
    'competition',
  ],
  gpctba_ci: [
    'goals',
    'plans',
    'challenges',
    'timeline',
    'budget',
    'authority',
    'negative_consequences',
    'positive_implications',
  ],
};

/** A question a prospect can answer with "yes" or "no" starts with an auxiliary verb. */
const CLOSED_QUESTION_START =
  /^(is|are|was|were|do|does|did|can|could|will|would|should|shall|have|has|had|may|might|must)\b/i;

describe('built-in frameworks', () => {
  it('are the seven named frameworks, in FRAMEWORK_KEYS order, all at version 1', () => {
    expect(BUILT_IN_FRAMEWORKS.map((framework) => framework.key)).toEqual([...FRAMEWORK_KEYS]);
    expect(BUILT_IN_FRAMEWORKS.map((framework) => framework.version)).toEqual(FRAMEWORK_KEYS.map(() => 1));
  });

  it.each(FRAMEWORK_KEYS)('%s has exactly its criteria, in the order of its letters', (key) => {
    expect(getBuiltInFramework(key)?.criteria.map((criterion) => criterion.key)).toEqual(
      EXPECTED_CRITERIA[key],
    );
  });

  it.each(FRAMEWORK_KEYS)('%s passes the same validation as a custom framework', (key) => {
    const result = validateFramework(getBuiltInFramework(key));
    expect(result).toEqual({ ok: true, framework: getBuiltInFramework(key) });
  });

  it.each(FRAMEWORK_KEYS)('%s asks at least four distinct open-ended questions per criterion', (key) => {
    for (const criterion of getBuiltInFramework(key)!.criteria) {
      expect(criterion.questions.length, criterion.key).toBeGreaterThanOrEqual(4);
      expect(new Set(criterion.questions).size).toBe(criterion.questions.length);
      for (const question of criterion.questions) {
        expect(question, `${key}.${criterion.key}`).toMatch(/\?$/);
        expect(question, `${key}.${criterion.key}`).not.toMatch(CLOSED_QUESTION_START);
      }
    }
  });

  it.each(FRAMEWORK_KEYS)('%s has weights that read as percentages (they sum to 100)', (key) => {
    const total = getBuiltInFramework(key)!.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
    expect(total).toBe(100);
  });

  it('place need and budget at the organization level and authority at the stakeholder level', () => {
    for (const framework of BUILT_IN_FRAMEWORKS) {
      for (const criterion of framework.criteria) {
        if (criterion.concepts.includes('budget') || criterion.concepts.includes('pain')) {
          expect(criterion.level, `${framework.key}.${criterion.key}`).toBe('organization');
        }
        if (criterion.concepts.includes('authority') || criterion.concepts.includes('champion')) {
          expect(criterion.level, `${framework.key}.${criterion.key}`).toBe('stakeholder');
        }
      }
    }
  });

  it('BANT passes on three of its four criteria by default', () => {
    expect(getBuiltInFramework('bant')?.passRule).toEqual({ kind: 'k_of_n', k: 3 });
  });

  it('MEDDIC and MEDDPICC gate on pain, economic buyer and champion with a weighted threshold', () => {
    for (const key of ['meddic', 'meddpicc']) {
      const rule = getBuiltInFramework(key)?.passRule;
      expect(rule?.kind).toBe('weighted');
      expect(rule?.required).toEqual(['identify_pain', 'economic_buyer', 'champion']);
    }
  });

  it('between them cover every shared concept, so any extracted evidence has a home', () => {
    const covered = new Set(
      BUILT_IN_FRAMEWORKS.flatMap((framework) => framework.criteria.flatMap((c) => c.concepts)),
    );
    expect([...CONCEPTS].filter((concept) => !covered.has(concept))).toEqual([]);
  });

  it('returns undefined for a key that is not built in', () => {
    expect(getBuiltInFramework('spiced')).toBeUndefined();
    expect(getBuiltInFramework('constructor')).toBeUndefined();
  });

  it('cannot be edited in place by a caller', () => {
    const bant = getBuiltInFramework('bant')!;
    expect(() => {
      bant.criteria[0]!.weight = 99;
    }).toThrow(TypeError);
    expect(() => bant.criteria.push(bant.criteria[0]!)).toThrow(TypeError);
    expect(getBuiltInFramework('bant')!.criteria[0]!.weight).toBe(25);
  });
});

describe('criteriaForConcept', () => {
  it('finds where a budget amount belongs in each framework', () => {
    const homes = BUILT_IN_FRAMEWORKS.map((framework) =>
      criteriaForConcept(framework, 'budget').map((criterion) => `${framework.key}.${criterion.key}`),
    );
    expect(homes.flat()).toEqual([
      'bant.budget',
      'anum.money',
      'faint.funds',
      'champ.money',
      'gpctba_ci.budget',
    ]);
  });

  it('lists the heavier criterion first when several share a concept', () => {
    const meddic = getBuiltInFramework('meddic')!;
    expect(criteriaForConcept(meddic, 'timeline').map((criterion) => criterion.key)).toEqual([
      'decision_process',
    ]);
    const gpctba = getBuiltInFramework('gpctba_ci')!;
    expect(criteriaForConcept(gpctba, 'need').map((criterion) => criterion.key)).toEqual(['challenges']);
  });
});
