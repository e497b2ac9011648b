import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANUM } from './anum.framework';
import { BANT } from './bant.framework';
import { BUILT_IN_FRAMEWORKS } from './built-in-frameworks';
import { evaluateAssessment } from './evaluate-assessment';
import { validateFramework } from './framework-schema';
import type {
  Assessment,
  CriterionStatus,
  EvaluationResult,
  FrameworkDefinition,
  PassRule,
} from './framework-types';
import { CRITERION_STATUSES, LEVELS } from './framework-types';
import { MEDDIC } from './meddic.framework';

const answer = (status: CriterionStatus) => ({ status, source: 'rep' as const });
const assess = (statuses: Record<string, CriterionStatus>): Assessment =>
  Object.fromEntries(Object.entries(statuses).map(([key, status]) => [key, answer(status)]));

describe('evaluateAssessment: BANT, 3 of 4', () => {
  it('passes with three criteria met and the fourth still unknown', () => {
    const evaluation = evaluateAssessment(BANT, assess({ budget: 'met', need: 'met', timeline: 'met' }));
    expect(evaluation.result).toBe('pass');
    expect(evaluation.failingLevel).toBeNull();
    expect(evaluation.missing).toEqual(['authority']);
    expect(evaluation.explanation).toEqual([
      '3 of 4 criteria met; BANT passes at 3 of 4.',
      'Qualified on BANT.',
    ]);
  });

  it('passes even with one criterion not met, and says the rule allows it', () => {
    const evaluation = evaluateAssessment(
      BANT,
      assess({ budget: 'met', need: 'met', timeline: 'met', authority: 'not_met' }),
    );
    expect(evaluation.result).toBe('pass');
    expect(evaluation.explanation[1]).toBe('Qualified on BANT; the rule allows Authority to be not met.');
  });

  it('does not count partial criteria towards the three', () => {
    const evaluation = evaluateAssessment(
      BANT,
      assess({ budget: 'met', need: 'met', timeline: 'partial', authority: 'partial' }),
    );
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.completeness).toBe(77);
    expect(evaluation.explanation[1]).toBe('1 more criterion needs to be met, from Timeline and Authority.');
  });

  it('stays undecided while one criterion is not met and the others are still unknown', () => {
    const evaluation = evaluateAssessment(BANT, assess({ authority: 'not_met' }));
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.failingLevel).toBeNull();
  });

  it('fails at the organization level once two criteria are out, even if the other is at the stakeholder level', () => {
    const evaluation = evaluateAssessment(BANT, assess({ authority: 'not_met', budget: 'not_met' }));
    expect(evaluation.result).toBe('fail');
    expect(evaluation.failingLevel).toBe('organization');
    expect(evaluation.explanation[1]).toBe(
      'Budget is not met at the organization level; at most 2 of 4 can still be met and the rule needs 3.',
    );
  });

  it('with the "require all four" override, a single missing budget fails the lead', () => {
    const statuses = assess({ budget: 'not_met', need: 'met', timeline: 'met', authority: 'met' });
    expect(evaluateAssessment(BANT, statuses).result).toBe('pass');
    const strict = evaluateAssessment(BANT, statuses, { kind: 'all' });
    expect(strict.result).toBe('fail');
    expect(strict.failingLevel).toBe('organization');
    expect(strict.appliedRule).toEqual({ kind: 'all' });
    expect(strict.explanation).toEqual([
      '3 of 4 criteria met, 1 not met; BANT needs all four criteria.',
      'Budget is not met at the organization level, and the rule needs all four.',
    ]);
  });

  it('with the "require all four" override, three met is not yet enough', () => {
    const evaluation = evaluateAssessment(BANT, assess({ budget: 'met', need: 'met', timeline: 'met' }), {
      kind: 'all',
    });
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.explanation[1]).toBe('Still open: Authority.');
  });

  it('asks about the organization first, heavier criteria first, for everything unknown', () => {
    const evaluation = evaluateAssessment(BANT, {});
    expect(evaluation.nextQuestions.map((next) => [next.criterion, next.level])).toEqual([
      ['need', 'organization'],
      ['budget', 'organization'],
      ['timeline', 'opportunity'],
      ['authority', 'stakeholder'],
    ]);
    expect(evaluation.nextQuestions[0]?.questions).toEqual(BANT.criteria[2]?.questions);
    expect(evaluation.missing).toEqual(['need', 'budget', 'timeline', 'authority']);
    expect(evaluation.completeness).toBe(0);
  });

  it('keeps asking about partial criteria but not about settled ones', () => {
    const evaluation = evaluateAssessment(
      BANT,
      assess({ need: 'met', budget: 'not_met', timeline: 'partial', authority: 'unknown' }),
    );
    expect(evaluation.nextQuestions.map((next) => next.criterion)).toEqual(['timeline', 'authority']);
    expect(evaluation.missing).toEqual(['budget', 'timeline', 'authority']);
  });
});

describe('evaluateAssessment: levels are checked in order', () => {
  it('reports an organization-level failure before a stakeholder-level one', () => {
    const evaluation = evaluateAssessment(
      BANT,
      assess({ authority: 'not_met', need: 'not_met', budget: 'met', timeline: 'met' }),
      { kind: 'all' },
    );
    expect(evaluation.failingLevel).toBe('organization');
    expect(evaluation.explanation[1]).toMatch(/^Need is not met at the organization level/);
  });

  it('reports the opportunity level when the organization level is clear', () => {
    const evaluation = evaluateAssessment(BANT, assess({ authority: 'not_met', timeline: 'not_met' }), {
      kind: 'all',
    });
    expect(evaluation.failingLevel).toBe('opportunity');
  });

  it('fails at a later level when only that level holds a required criterion that is not met', () => {
    const evaluation = evaluateAssessment(ANUM, assess({ need: 'partial', authority: 'not_met' }));
    expect(evaluation.result).toBe('fail');
    expect(evaluation.failingLevel).toBe('stakeholder');
  });
});

describe('evaluateAssessment: required criteria', () => {
  it('fails when a required criterion is not met, however many others are', () => {
    const evaluation = evaluateAssessment(
      ANUM,
      assess({ authority: 'not_met', need: 'met', urgency: 'met', money: 'met' }),
    );
    expect(evaluation.result).toBe('fail');
    expect(evaluation.failingLevel).toBe('stakeholder');
    expect(evaluation.explanation[1]).toBe(
      'Authority is not met at the stakeholder level, and ANUM requires it.',
    );
  });

  it('does not pass while a required criterion is still unknown, even with the count reached', () => {
    const evaluation = evaluateAssessment(ANUM, assess({ need: 'met', urgency: 'met', money: 'met' }));
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.explanation[1]).toBe('Authority must be met before ANUM can pass.');
    expect(evaluation.nextQuestions.map((next) => next.criterion)).toEqual(['authority']);
  });

  it('does not pass while a required criterion is only partial', () => {
    const evaluation = evaluateAssessment(
      ANUM,
      assess({ need: 'met', urgency: 'met', money: 'met', authority: 'partial' }),
    );
    expect(evaluation.result).toBe('undecided');
  });

  it('accepts required criteria in an override', () => {
    const evaluation = evaluateAssessment(BANT, assess({ need: 'met', budget: 'met', authority: 'met' }), {
      kind: 'k_of_n',
      k: 3,
      required: ['timeline'],
    });
    expect(evaluation.result).toBe('undecided');
  });

  it('never passes on an override requiring a criterion the framework does not have, and says why', () => {
    const everything = assess({ need: 'met', budget: 'met', authority: 'met', timeline: 'met' });
    const evaluation = evaluateAssessment(BANT, everything, {
      kind: 'k_of_n',
      k: 3,
      required: ['timeframe'],
    });
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.explanation).toContain(
      'The rule requires timeframe, which BANT v1 does not define, so it cannot pass.',
    );
  });
});

describe('evaluateAssessment: weighted rule (MEDDIC, 80% with pain, economic buyer and champion required)', () => {
  const allMet = Object.fromEntries(MEDDIC.criteria.map((criterion) => [criterion.key, 'met' as const]));

  it('counts partial evidence for half its weight', () => {
    const evaluation = evaluateAssessment(
      MEDDIC,
      assess({ ...allMet, metrics: 'partial', decision_criteria: 'partial' }),
    );
    expect(evaluation.completeness).toBe(85);
    expect(evaluation.result).toBe('pass');
    expect(evaluation.explanation[0]).toBe(
      '4 of 6 criteria met, 2 partial (85% of the weight); MEDDIC passes at 80% of the weight, with Identify pain, Economic buyer and Champion required.',
    );
  });

  it('stays undecided just under the threshold', () => {
    const evaluation = evaluateAssessment(
      MEDDIC,
      assess({ ...allMet, metrics: 'unknown', decision_criteria: 'partial' }),
    );
    expect(evaluation.completeness).toBe(77);
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.explanation[1]).toBe('Still open: Metrics and Decision criteria.');
  });

  it('fails at the opportunity level when the missing weight there makes 80% unreachable', () => {
    const evaluation = evaluateAssessment(
      MEDDIC,
      assess({ identify_pain: 'met', metrics: 'not_met', decision_process: 'not_met' }),
    );
    expect(evaluation.result).toBe('fail');
    expect(evaluation.failingLevel).toBe('opportunity');
    expect(evaluation.explanation[1]).toBe(
      'Metrics is not met at the opportunity level; at most 70% of the weight can still be met and the rule needs 80%.',
    );
  });

  it('fails at the organization level when there is no pain, whatever else is known', () => {
    const evaluation = evaluateAssessment(MEDDIC, assess({ ...allMet, identify_pain: 'not_met' }));
    expect(evaluation.result).toBe('fail');
    expect(evaluation.failingLevel).toBe('organization');
  });

  it('honours a threshold of exactly 100% when everything is met', () => {
    const evaluation = evaluateAssessment(MEDDIC, assess(allMet), { kind: 'weighted', threshold: 1 });
    expect(evaluation.result).toBe('pass');
    expect(evaluation.completeness).toBe(100);
  });
});

describe('evaluateAssessment: assessments from elsewhere', () => {
  it('reports keys the framework does not define and ignores them', () => {
    const evaluation = evaluateAssessment(
      BANT,
      assess({ budget: 'met', need: 'met', timeframe: 'met', champion: 'met' }),
    );
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.unrecognizedCriteria).toEqual(['champion', 'timeframe']);
    expect(evaluation.explanation).toContain('Ignored champion and timeframe: not criteria of BANT v1.');
  });

  it('treats a status it does not know as unknown instead of crashing', () => {
    const stored = { budget: { status: 'approved', source: 'rep' } } as unknown as Assessment;
    const evaluation = evaluateAssessment(BANT, stored);
    expect(evaluation.result).toBe('undecided');
    expect(evaluation.nextQuestions.map((next) => next.criterion)).toContain('budget');
  });

  it('is not fooled by keys inherited from Object.prototype', () => {
    const framework = {
      ...BANT,
      criteria: BANT.criteria.map((c, i) => (i === 0 ? { ...c, key: 'constructor' } : c)),
    };
    expect(evaluateAssessment(framework, {}).missing).toContain('constructor');
  });
});

// --- properties -------------------------------------------------------------------------------------

const frameworkArbitrary: fc.Arbitrary<FrameworkDefinition> = fc
  .array(
    fc.record({
      level: fc.constantFrom(...LEVELS),
      weight: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 50, noNaN: true })),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .chain((shapes) => {
    const criteria = shapes.map(({ level, weight }, index) => ({
      key: `c${index}`,
      label: `Criterion ${index}`,
      description: `Generated criterion ${index}.`,
      level,
      weight,
      concepts: [],
      questions: [`What about c${index}?`, `How does c${index} work?`, `Who owns c${index}?`],
    }));
    const n = criteria.length;
    const required = fc.subarray(criteria.map((criterion) => criterion.key));
    const rule: fc.Arbitrary<PassRule> = fc.oneof(
      required.map((keys) => ({ kind: 'all' as const, required: keys })),
      fc.record({ kind: fc.constant('k_of_n' as const), k: fc.integer({ min: 1, max: n }), required }),
      fc.record({
        kind: fc.constant('weighted' as const),
        threshold: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
        required,
      }),
    );
    return rule.map((passRule) => ({
      key: 'generated',
      version: 1,
      name: 'Generated',
      description: 'A framework made up by the property test.',
      criteria,
      passRule,
    }));
  });

const anyFramework = fc.oneof(frameworkArbitrary, fc.constantFrom(...BUILT_IN_FRAMEWORKS));

/** A framework with an assessment giving each criterion a status, or leaving it out. */
const scenario = anyFramework.chain((framework) =>
  fc
    .tuple(
      ...framework.criteria.map(() => fc.option(fc.constantFrom(...CRITERION_STATUSES), { nil: undefined })),
    )
    .map((statuses) => {
      const assessment: Assessment = {};
      framework.criteria.forEach((criterion, index) => {
        const status = statuses[index];
        if (status) assessment[criterion.key] = answer(status);
      });
      return { framework, assessment };
    }),
);

const RANK: Record<EvaluationResult, number> = { fail: 0, undecided: 1, pass: 2 };
const SEED = { seed: 4242, numRuns: 400 };

describe('evaluateAssessment properties', () => {
  it('generated frameworks are valid, so the properties speak about real frameworks', () => {
    fc.assert(
      fc.property(frameworkArbitrary, (framework) => {
        expect(validateFramework(framework).ok).toBe(true);
      }),
      SEED,
    );
  });

  it('learning that an unknown criterion is met never turns a pass into anything else', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ framework, assessment }, pick) => {
        const unknown = framework.criteria.filter(
          (criterion) => (assessment[criterion.key]?.status ?? 'unknown') === 'unknown',
        );
        fc.pre(unknown.length > 0);
        const before = evaluateAssessment(framework, assessment);
        const key = unknown[pick % unknown.length]!.key;
        const after = evaluateAssessment(framework, { ...assessment, [key]: answer('met') });
        if (before.result === 'pass') expect(after.result).toBe('pass');
        expect(RANK[after.result]).toBeGreaterThanOrEqual(RANK[before.result]);
      }),
      SEED,
    );
  });

  it('marking everything met always passes, at 100% complete, with nothing left to ask', () => {
    fc.assert(
      fc.property(anyFramework, (framework) => {
        const everything = Object.fromEntries(
          framework.criteria.map((criterion) => [criterion.key, answer('met')]),
        );
        const evaluation = evaluateAssessment(framework, everything);
        expect(evaluation.result).toBe('pass');
        expect(evaluation.completeness).toBe(100);
        expect(evaluation.missing).toEqual([]);
        expect(evaluation.nextQuestions).toEqual([]);
      }),
      SEED,
    );
  });

  it('does not depend on the key order of the assessment object', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ framework, assessment }, seed) => {
        const entries = Object.entries({ ...assessment, stray_key: answer('met') });
        const shuffled = entries
          .map((entry, index) => ({ entry, rank: (index * 7919 + seed) % 104729 }))
          .sort((a, b) => a.rank - b.rank)
          .map(({ entry }) => entry);
        const reversed = [...entries].reverse();
        const original = evaluateAssessment(framework, Object.fromEntries(entries));
        expect(evaluateAssessment(framework, Object.fromEntries(shuffled))).toEqual(original);
        expect(evaluateAssessment(framework, Object.fromEntries(reversed))).toEqual(original);
      }),
      SEED,
    );
  });

  it('reports a failing level exactly when it fails, and that level holds a criterion that is not met', () => {
    fc.assert(
      fc.property(scenario, ({ framework, assessment }) => {
        const evaluation = evaluateAssessment(framework, assessment);
        expect(evaluation.failingLevel !== null).toBe(evaluation.result === 'fail');
        if (evaluation.failingLevel) {
          const notMetHere = framework.criteria.filter(
            (criterion) =>
              criterion.level === evaluation.failingLevel && assessment[criterion.key]?.status === 'not_met',
          );
          expect(notMetHere.length).toBeGreaterThan(0);
        }
      }),
      SEED,
    );
  });

  it('keeps completeness in 0..100, reaching 100 only when everything is met', () => {
    fc.assert(
      fc.property(scenario, ({ framework, assessment }) => {
        const evaluation = evaluateAssessment(framework, assessment);
        expect(evaluation.completeness).toBeGreaterThanOrEqual(0);
        expect(evaluation.completeness).toBeLessThanOrEqual(100);
        expect(evaluation.completeness === 100).toBe(evaluation.missing.length === 0);
      }),
      SEED,
    );
  });

  it('asks questions only about criteria that are missing, in level order', () => {
    fc.assert(
      fc.property(scenario, ({ framework, assessment }) => {
        const evaluation = evaluateAssessment(framework, assessment);
        const levels = evaluation.nextQuestions.map((next) => LEVELS.indexOf(next.level));
        expect(levels).toEqual([...levels].sort((a, b) => a - b));
        for (const next of evaluation.nextQuestions) expect(evaluation.missing).toContain(next.criterion);
      }),
      SEED,
    );
  });
});
