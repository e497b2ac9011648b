import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANT } from './bant.framework';
import { validateAssessment, validateFramework } from './framework-schema';
import type { FrameworkDefinition } from './framework-types';

/** A plain, editable copy of BANT to break in one place at a time. */
const bant = (): FrameworkDefinition => structuredClone(BANT) as FrameworkDefinition;

function issuesOf(input: unknown) {
  const result = validateFramework(input);
  if (result.ok) throw new Error('expected the framework to be rejected');
  return result.issues;
}

describe('validateFramework', () => {
  it('accepts a custom framework written by a user and trims its text', () => {
    const custom = { ...bant(), key: 'bant_strict', name: '  BANT (strict) ', passRule: { kind: 'all' } };
    const result = validateFramework(custom);
    expect(result.ok).toBe(true);
    expect(result.ok && result.framework.name).toBe('BANT (strict)');
  });

  it.each([['Bant'], ['b'], ['1bant'], ['bant-strict'], ['a'.repeat(41)]])(
    'rejects the framework key %j with a pointer to /key',
    (key) => {
      expect(issuesOf({ ...bant(), key })).toEqual([
        { path: '/key', message: expect.stringMatching(/lowercase/) },
      ]);
    },
  );

  it('names the duplicate criterion key and the criterion it collides with', () => {
    const framework = bant();
    framework.criteria[3]!.key = 'budget';
    expect(issuesOf(framework)).toEqual([
      { path: '/criteria/3/key', message: 'criterion key "budget" is already used by criterion 0' },
    ]);
  });

  it('needs at least one criterion', () => {
    expect(issuesOf({ ...bant(), criteria: [], passRule: { kind: 'all' } })).toEqual([
      { path: '/criteria', message: 'a framework needs at least one criterion' },
    ]);
  });

  it('needs three non-empty questions per criterion', () => {
    const framework = bant();
    framework.criteria[2]!.questions = ['What hurts?', '   '];
    expect(issuesOf(framework)).toEqual([
      { path: '/criteria/2/questions/1', message: 'question must not be empty' },
      { path: '/criteria/2/questions', message: 'each criterion needs at least 3 questions' },
    ]);
  });

  it('rejects a repeated question', () => {
    const framework = bant();
    framework.criteria[1]!.questions[2] = framework.criteria[1]!.questions[0]!.toUpperCase();
    expect(issuesOf(framework)).toEqual([
      { path: '/criteria/1/questions/2', message: 'this question repeats an earlier one' },
    ]);
  });

  it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects the weight %s', (weight) => {
    const framework = bant();
    framework.criteria[0]!.weight = weight;
    expect(issuesOf(framework).map((issue) => issue.path)).toEqual(['/criteria/0/weight']);
  });

  it('rejects an unknown level and an unknown concept', () => {
    const framework = structuredClone(BANT) as unknown as {
      criteria: { level: string; concepts: string[] }[];
    };
    framework.criteria[0]!.level = 'department';
    framework.criteria[1]!.concepts = ['authority', 'vibes'];
    expect(issuesOf(framework)).toEqual([
      { path: '/criteria/0/level', message: 'level must be one of organization, opportunity, stakeholder' },
      { path: '/criteria/1/concepts/1', message: expect.stringMatching(/^concept must be one of budget,/) },
    ]);
  });

  it('reports a misspelt field instead of silently dropping it', () => {
    const framework = { ...bant(), passrule: { kind: 'all' } };
    expect(issuesOf(framework)).toEqual([{ path: '', message: expect.stringContaining('passrule') }]);
  });

  it.each([
    [{ kind: 'k_of_n', k: 0 }, '/passRule/k'],
    [{ kind: 'k_of_n', k: 5 }, '/passRule/k'],
    [{ kind: 'k_of_n', k: 2.5 }, '/passRule/k'],
    [{ kind: 'weighted', threshold: 0 }, '/passRule/threshold'],
    [{ kind: 'weighted', threshold: 1.2 }, '/passRule/threshold'],
    [{ kind: 'all', required: ['budget', 'money'] }, '/passRule/required/1'],
    [{ kind: 'all', required: ['need', 'need'] }, '/passRule/required/1'],
    [{ kind: 'most' }, '/passRule/kind'],
  ])('rejects the pass rule %j at %s', (passRule, path) => {
    expect(issuesOf({ ...bant(), passRule }).map((issue) => issue.path)).toEqual([path]);
  });

  it('accepts the edge of each rule: k = n and a threshold of exactly 1', () => {
    expect(validateFramework({ ...bant(), passRule: { kind: 'k_of_n', k: 4 } }).ok).toBe(true);
    expect(
      validateFramework({ ...bant(), passRule: { kind: 'weighted', threshold: 1, required: ['need'] } }).ok,
    ).toBe(true);
  });

  it('never throws, and always points issues into the document, whatever it is fed (replayable seed)', () => {
    const mutated = fc.record({
      path: fc.array(
        fc.oneof(fc.constantFrom('criteria', 'passRule', 'questions', 'weight', 'k'), fc.nat(5)),
        {
          maxLength: 4,
        },
      ),
      value: fc.anything(),
    });
    fc.assert(
      fc.property(mutated, ({ path, value }) => {
        const framework: Record<PropertyKey, unknown> = structuredClone(BANT) as never;
        let target: Record<PropertyKey, unknown> = framework;
        for (const segment of path.slice(0, -1)) {
          const next = target[segment];
          if (next === null || typeof next !== 'object') break;
          target = next as Record<PropertyKey, unknown>;
        }
        target[path[path.length - 1] ?? 'key'] = value;
        const result = validateFramework(framework);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues)
            expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
        }
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });
});

describe('validateAssessment', () => {
  it('accepts answers recorded by a rep or extracted from notes', () => {
    const input = {
      budget: { status: 'met', source: 'extracted', evidence: 'Around 30k approved', confidence: 0.6 },
      need: { status: 'partial', source: 'rep' },
      retired_criterion: { status: 'met', source: 'rep' },
    };
    expect(validateAssessment(input)).toEqual({ ok: true, assessment: input });
  });

  it('names each bad field', () => {
    const result = validateAssessment({
      budget: { status: 'maybe', source: 'rep' },
      need: { status: 'met', source: 'crm', confidence: 1.5, evidence: 'x'.repeat(2001) },
      timeline: { status: 'met' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([
      '/budget/status',
      '/need/evidence',
      '/need/source',
      '/need/confidence',
      '/timeline/source',
    ]);
  });

  it('accepts evidence of exactly 2000 characters and a confidence of 0 or 1', () => {
    const result = validateAssessment({
      budget: { status: 'met', source: 'rep', evidence: 'x'.repeat(2000), confidence: 0 },
      need: { status: 'met', source: 'rep', confidence: 1 },
    });
    expect(result.ok).toBe(true);
  });

  it('escapes "/" and "~" in a criterion key so the pointer still names it', () => {
    const result = validateAssessment({ 'cost/benefit~v2': { status: 'done', source: 'rep' } });
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual(['/cost~1benefit~0v2/status']);
  });

  it('rejects something that is not a map of criteria', () => {
    expect(validateAssessment([{ status: 'met', source: 'rep' }]).ok).toBe(false);
    expect(validateAssessment(null).ok).toBe(false);
  });
});
