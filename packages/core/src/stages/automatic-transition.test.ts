import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import type { FitResult } from '../scoring/fit-score';
import { asScore } from '../units';
import { type AutomaticTransitionContext, decideAutomaticTransition } from './automatic-transition';
import { checkTransition } from './check-transition';
import { STAGES, type Stage } from './stages';
import { TRANSITIONS } from './transition-table';

const policy = DEFAULT_POLICY; // MQL at fit ≥ 60 and engagement ≥ 30; recycle at 40.
const fitOf = (score: number): FitResult => ({ score: asScore(score), knockedOut: false, lines: [] });
const knockedOut: FitResult = {
  score: asScore(0),
  knockedOut: true,
  knockout: { ruleId: 'competitor', text: 'Known competitor (competitor is true): knock-out' },
  lines: [],
};
const decide = (ctx: Partial<AutomaticTransitionContext> & Pick<AutomaticTransitionContext, 'stage'>) =>
  decideAutomaticTransition({ fit: fitOf(0), engagement: 0, policy, ...ctx });

describe('decideAutomaticTransition', () => {
  it('makes a lead an MQL when fit and engagement both reach their thresholds, and says so with numbers', () => {
    expect(decide({ stage: 'lead', fit: fitOf(72), engagement: 34.56 })).toEqual({
      to: 'mql',
      rule: 'fit_and_engagement',
      why: 'Fit 72 reaches 60 and engagement 34.6 reaches 30: marketing-qualified.',
    });
    expect(decide({ stage: 'subscriber', fit: fitOf(60), engagement: 30 })?.to).toBe('mql');
  });

  it('waits while either score is short', () => {
    expect(decide({ stage: 'lead', fit: fitOf(59), engagement: 90 })).toBeNull();
    expect(decide({ stage: 'lead', fit: fitOf(95), engagement: 29.9 })).toBeNull();
  });

  it('qualifies a hand-raiser at once even with low scores', () => {
    const move = decide({
      stage: 'lead',
      fit: fitOf(10),
      engagement: 3,
      handRaiser: { type: 'demo_request' },
    });
    expect(move).toEqual({
      to: 'mql',
      rule: 'hand_raiser',
      why: 'Raised a hand (Demo requests): Marketing-qualified (MQL) straight away, whatever the scores (fit 10, engagement 3).',
    });
  });

  it('sends trial sign-ups in as PQLs and contact-sales requests as CQLs', () => {
    expect(decide({ stage: 'lead', handRaiser: { type: 'trial_signup' } })?.to).toBe('pql');
    expect(decide({ stage: 'subscriber', handRaiser: { type: 'contact_sales' } })?.to).toBe('cql');
  });

  it('ignores an event that is not a hand-raiser in the policy', () => {
    expect(decide({ stage: 'lead', handRaiser: { type: 'page_view' } })).toBeNull();
    expect(decide({ stage: 'lead', handRaiser: { type: 'constructor' } })).toBeNull();
  });

  it('disqualifies a knocked-out lead as outside the ICP, even if it raised a hand', () => {
    expect(
      decide({ stage: 'lead', fit: knockedOut, engagement: 80, handRaiser: { type: 'demo_request' } }),
    ).toEqual({
      to: 'disqualified',
      rule: 'knockout',
      reason: 'not_icp',
      why: 'Outside the ideal customer profile: Known competitor (competitor is true): knock-out.',
    });
  });

  it('makes a sales-accepted lead an SQL when its framework passes', () => {
    expect(decide({ stage: 'sal', frameworkPassed: true, frameworkKey: 'meddic' })).toEqual({
      to: 'sql',
      rule: 'framework_pass',
      why: 'The MEDDIC qualification passed: sales-qualified.',
    });
    expect(decide({ stage: 'sal', frameworkPassed: false })).toBeNull();
  });

  it('names the framework that passed by its display name when given one', () => {
    const passed = decide({
      stage: 'sal',
      frameworkPassed: true,
      frameworkKey: 'gpctba_ci',
      frameworkName: 'GPCTBA/C&I',
    });
    expect(passed?.why).toBe('The GPCTBA/C&I qualification passed: sales-qualified.');
  });

  it('recycles a nurtured lead that heats up again, but not a knocked-out one', () => {
    expect(decide({ stage: 'nurture', engagement: 41 })).toMatchObject({ to: 'mql', rule: 'recycled' });
    expect(decide({ stage: 'nurture', engagement: 39 })).toBeNull();
    expect(decide({ stage: 'nurture', fit: knockedOut, engagement: 90 })).toBeNull();
    expect(decide({ stage: 'nurture', handRaiser: { type: 'trial_signup' } })?.to).toBe('pql');
  });

  it.each(['mql', 'pql', 'cql', 'sql', 'opportunity', 'customer', 'closed_lost', 'disqualified'] as const)(
    'leaves a lead in %s to the people who own it',
    (stage) => {
      expect(
        decide({
          stage,
          fit: fitOf(100),
          engagement: 500,
          handRaiser: { type: 'demo_request' },
          frameworkPassed: true,
        }),
      ).toBeNull();
      expect(decide({ stage, fit: knockedOut })).toBeNull();
    },
  );
});

describe('decideAutomaticTransition properties', () => {
  const fitArb: fc.Arbitrary<FitResult> = fc.oneof(
    fc.integer({ min: 0, max: 100 }).map(fitOf),
    fc.constant(knockedOut),
  );
  const contextArb = fc.record({
    fit: fitArb,
    engagement: fc.double({ min: 0, max: 200, noNaN: true }),
    handRaiser: fc.option(
      fc.record({ type: fc.constantFrom('demo_request', 'trial_signup', 'contact_sales', 'page_view') }),
      {
        nil: undefined,
      },
    ),
    frameworkPassed: fc.option(fc.boolean(), { nil: undefined }),
  });

  it('only ever produces transitions in the table, whatever sequence of signals arrives', () => {
    // On failure fast-check prints { seed, path }: pass them to fc.assert to replay.
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.array(contextArb, { maxLength: 20 }), (start, signals) => {
        let stage: Stage = start;
        for (const signal of signals) {
          const move = decideAutomaticTransition({ stage, policy, ...signal });
          if (move === null) continue;
          expect(TRANSITIONS[stage]).toContain(move.to);
          expect(checkTransition({ from: stage, to: move.to, reason: move.reason })).toEqual({ ok: true });
          expect(['opportunity', 'customer', 'closed_lost', 'disqualified']).not.toContain(stage);
          stage = move.to;
        }
      }),
      { numRuns: 500 },
    );
  });
});
