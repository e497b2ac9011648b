import { describe, expect, it } from 'vitest';
import { BUILT_IN_FRAMEWORKS, getBuiltInFramework } from './built-in-frameworks';
import { evaluateAssessment } from './evaluate-assessment';
import { ANUM_V1 } from './fixtures/anum.v1.fixture';
import { BANT_V1 } from './fixtures/bant.v1.fixture';
import { CHAMP_V1 } from './fixtures/champ.v1.fixture';
import {
  ASSESSMENT_RECORDED_ON_BANT_V1,
  ASSESSMENT_RECORDED_ON_CUSTOM_V1,
  CUSTOM_DISCOVERY_V1,
  CUSTOM_DISCOVERY_V2,
} from './fixtures/custom-discovery.fixture';
import { FAINT_V1 } from './fixtures/faint.v1.fixture';
import { GPCTBA_CI_V1 } from './fixtures/gpctba-ci.v1.fixture';
import { MEDDIC_V1 } from './fixtures/meddic.v1.fixture';
import { MEDDPICC_V1 } from './fixtures/meddpicc.v1.fixture';
import { validateFramework } from './framework-schema';

const PUBLISHED_V1 = [BANT_V1, ANUM_V1, FAINT_V1, CHAMP_V1, MEDDIC_V1, MEDDPICC_V1, GPCTBA_CI_V1];

describe('framework versions', () => {
  it('keeps a frozen copy of version 1 of every built-in framework', () => {
    expect(PUBLISHED_V1.map((framework) => [framework.key, framework.version])).toEqual(
      BUILT_IN_FRAMEWORKS.map((framework) => [framework.key, 1]),
    );
  });

  it.each(PUBLISHED_V1.map((framework) => [framework.key, framework] as const))(
    '%s v1 still validates under the current rules',
    (_key, published) => {
      expect(validateFramework(published).ok).toBe(true);
    },
  );

  it.each(BUILT_IN_FRAMEWORKS.map((framework) => [framework.key, framework] as const))(
    '%s is unchanged unless its version was bumped',
    (key, current) => {
      const published = PUBLISHED_V1.find((framework) => framework.key === key)!;
      if (current.version === published.version) {
        expect(current).toEqual(published);
      } else {
        expect(current.version).toBeGreaterThan(published.version);
      }
    },
  );

  it('evaluates an assessment recorded on BANT v1 against the current BANT', () => {
    const evaluation = evaluateAssessment(getBuiltInFramework('bant')!, ASSESSMENT_RECORDED_ON_BANT_V1);
    expect(evaluation.result).toBe('pass');
    expect(evaluation.unrecognizedCriteria).toEqual([]);
  });

  it('evaluates every stored assessment against every framework without crashing', () => {
    const frameworks = [...BUILT_IN_FRAMEWORKS, ...PUBLISHED_V1, CUSTOM_DISCOVERY_V1, CUSTOM_DISCOVERY_V2];
    for (const framework of frameworks) {
      for (const assessment of [ASSESSMENT_RECORDED_ON_BANT_V1, ASSESSMENT_RECORDED_ON_CUSTOM_V1, {}]) {
        const evaluation = evaluateAssessment(framework, assessment);
        expect(['pass', 'fail', 'undecided']).toContain(evaluation.result);
        expect(evaluation.explanation.length).toBeGreaterThan(0);
      }
    }
  });

  it('both published versions of a custom framework validate', () => {
    expect(validateFramework(CUSTOM_DISCOVERY_V1).ok).toBe(true);
    expect(validateFramework(CUSTOM_DISCOVERY_V2).ok).toBe(true);
  });

  it('an assessment that passed on v1 of a custom framework is re-opened, not broken, by v2', () => {
    const onV1 = evaluateAssessment(CUSTOM_DISCOVERY_V1, ASSESSMENT_RECORDED_ON_CUSTOM_V1);
    expect(onV1.result).toBe('pass');

    const onV2 = evaluateAssessment(CUSTOM_DISCOVERY_V2, ASSESSMENT_RECORDED_ON_CUSTOM_V1);
    expect(onV2.version).toBe(2);
    expect(onV2.result).toBe('undecided');
    // The renamed and the removed criterion are reported, not counted...
    expect(onV2.unrecognizedCriteria).toEqual(['timeframe', 'tooling']);
    expect(onV2.explanation).toContain('Ignored timeframe and tooling: not criteria of Acme discovery v2.');
    // ...and the renamed and the new criterion come back as questions to ask.
    expect(onV2.nextQuestions.map((next) => next.criterion)).toEqual([
      'timeline',
      'security_review',
      'sponsor',
    ]);
    expect(onV2.missing).toEqual(['timeline', 'security_review', 'sponsor']);
  });
});
