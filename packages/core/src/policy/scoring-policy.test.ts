import { describe, expect, it } from 'vitest';
import { CUSTOM_DISCOVERY_V1 } from '../frameworks/fixtures/custom-discovery.fixture';
import { findWorkspaceFramework, workspaceFrameworks } from '../frameworks/workspace-frameworks';
import { DEFAULT_POLICY } from './default-policy';
import { POLICY_V1_FIXTURE } from './fixtures/policy-v1.fixture';
import type { ScoringPolicy } from './scoring-policy';
import { parseScoringPolicy, passRuleOverride, scoringPolicySchema } from './scoring-policy';

/** A deep copy of the default policy with one change applied, as an untyped API body would arrive. */
// biome-ignore lint/suspicious/noExplicitAny: the tests mutate an untyped copy to build invalid input
type Untyped = any;
const variant = (change: (p: Untyped) => void): unknown => {
  const copy: Untyped = structuredClone(DEFAULT_POLICY);
  change(copy);
  return copy;
};

const issuesOf = (input: unknown) => {
  const parsed = parseScoringPolicy(input);
  if (parsed.ok) throw new Error('expected the policy to be rejected');
  return parsed.issues;
};

describe('scoringPolicySchema', () => {
  it('accepts the default policy unchanged', () => {
    expect(scoringPolicySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it('rejects a negative or zero half-life', () => {
    expect(issuesOf(variant((p) => (p.engagement.halfLifeDays = -3)))).toEqual([
      { path: 'engagement.halfLifeDays', message: 'halfLifeDays must be greater than 0' },
    ]);
    expect(issuesOf(variant((p) => (p.engagement.halfLifeDays = 0)))[0]?.path).toBe(
      'engagement.halfLifeDays',
    );
  });

  it('rejects heat tiers that are not increasing', () => {
    const issues = issuesOf(variant((p) => (p.engagement.heatTiers = { warm: 50, hot: 40, onFire: 80 })));
    expect(issues).toEqual([
      { path: 'engagement.heatTiers.hot', message: 'Heat tiers must increase: warm < hot' },
    ]);
  });

  it('rejects an unknown operator and says which ones exist', () => {
    const issues = issuesOf(variant((p) => (p.icp.rules[0].operator = 'greater_than')));
    expect(issues[0]?.path).toBe('icp.rules.0.operator');
    expect(issues[0]?.message).toContain('equals');
    expect(issues[0]?.message).toContain('matches');
  });

  it('rejects a range with neither min nor max, and one with min above max', () => {
    expect(issuesOf(variant((p) => (p.icp.rules[1].value = {})))).toEqual([
      { path: 'icp.rules.1.value', message: 'A range needs a min, a max or both' },
    ]);
    expect(issuesOf(variant((p) => (p.icp.rules[1].value = { min: 500, max: 50 })))[0]?.message).toBe(
      'A range needs min ≤ max',
    );
  });

  it('rejects a range on a text field', () => {
    const issues = issuesOf(
      variant((p) =>
        p.icp.rules.push({
          id: 'x',
          subject: 'contact',
          field: 'title',
          operator: 'range',
          value: { min: 1 },
          weight: 1,
        }),
      ),
    );
    expect(issues[0]?.message).toMatch(/range rule needs a numeric field/);
  });

  it('compiles the regex of a matches rule and reports why it does not compile', () => {
    const issues = issuesOf(variant((p) => (p.icp.rules[9].value = '(unclosed')));
    expect(issues[0]?.path).toBe('icp.rules.9.value');
    expect(issues[0]?.message).toMatch(/^Not a valid regular expression/);
  });

  it('rejects duplicate rule ids, naming the first occurrence', () => {
    const issues = issuesOf(variant((p) => p.icp.rules.push({ ...p.icp.rules[0] })));
    expect(issues).toEqual([
      {
        path: `icp.rules.${DEFAULT_POLICY.icp.rules.length}.id`,
        message: 'Duplicate rule id "industry-software" (also rule #1)',
      },
    ]);
  });

  it('rejects fields that do not exist on the subject, but accepts custom fields', () => {
    expect(issuesOf(variant((p) => (p.icp.rules[0].field = 'sector')))[0]?.message).toMatch(
      /Unknown account field "sector"/,
    );
    const withCustom = variant((p) =>
      p.icp.rules.push({
        id: 'plan',
        subject: 'account',
        field: 'custom.plan',
        operator: 'equals',
        value: 'pro',
        weight: 5,
      }),
    );
    expect(parseScoringPolicy(withCustom).ok).toBe(true);
  });

  it('rejects a cap on a negative event type and an unknown key (a typo)', () => {
    expect(
      issuesOf(variant((p) => (p.engagement.eventTypes.unsubscribe.cap = { points: 5, windowDays: 1 }))),
    ).toEqual([
      {
        path: 'engagement.eventTypes.unsubscribe.cap',
        message: 'Only event types with a positive weight can have a cap',
      },
    ]);
    expect(issuesOf(variant((p) => (p.lifecycle.mql.minFitt = 3)))[0]?.path).toBe('lifecycle.mql');
  });

  it('rejects a minFit outside 0–100 and an impossible pass rule', () => {
    expect(issuesOf(variant((p) => (p.lifecycle.mql.minFit = 120)))[0]?.message).toBe('minFit must be 0–100');
    expect(
      issuesOf(variant((p) => (p.frameworks.passRules = { bant: { kind: 'k_of_n', k: 0 } })))[0]?.path,
    ).toBe('frameworks.passRules.bant.k');
  });

  it('exposes a workspace override of a framework pass rule', () => {
    const policy: ScoringPolicy = {
      ...DEFAULT_POLICY,
      frameworks: { default: 'bant', passRules: { bant: { kind: 'all' } } },
    };
    expect(passRuleOverride(policy, 'bant')).toEqual({ kind: 'all' });
    expect(passRuleOverride(DEFAULT_POLICY, 'bant')).toBeUndefined();
  });
});

describe('DEFAULT_POLICY', () => {
  it('has positive ICP weights adding up to 100, so fit reads as a share of the ideal profile', () => {
    const positive = DEFAULT_POLICY.icp.rules.filter((r) => !r.knockout && r.weight > 0);
    expect(positive.reduce((sum, r) => sum + r.weight, 0)).toBe(100);
  });

  it('weighs every standard event type, with unsubscribe negative and demo requests as hand-raisers', () => {
    const types = DEFAULT_POLICY.engagement.eventTypes;
    expect(Object.keys(types).sort()).toEqual(
      [
        'page_view',
        'pricing_page_view',
        'content_download',
        'webinar_registered',
        'webinar_attended',
        'email_open',
        'email_click',
        'email_reply',
        'form_submit',
        'demo_request',
        'contact_sales',
        'trial_signup',
        'product_usage',
        'meeting_booked',
        'meeting_held',
        'unsubscribe',
      ].sort(),
    );
    expect(types.unsubscribe?.weight).toBeLessThan(0);
    expect(types.demo_request?.handRaiser).toBe(true);
    expect(types.page_view?.cap).toBeDefined();
  });
});

describe('stored policy versions', () => {
  it('still parses a policy saved by schema version 1', () => {
    const parsed = parseScoringPolicy(POLICY_V1_FIXTURE);
    expect(parsed.ok && parsed.policy.frameworks.passRules?.bant).toEqual({
      kind: 'k_of_n',
      k: 3,
      required: ['need'],
    });
  });

  it('carries custom frameworks held to the framework rules, beside the built-in ones', () => {
    const parsed = parseScoringPolicy(
      variant((p) => {
        p.frameworks.custom = [CUSTOM_DISCOVERY_V1];
        p.frameworks.default = 'acme_discovery';
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(workspaceFrameworks(parsed.policy).map((f) => f.key)).toEqual([
      'bant',
      'anum',
      'faint',
      'champ',
      'meddic',
      'meddpicc',
      'gpctba_ci',
      'acme_discovery',
    ]);
    expect(findWorkspaceFramework(parsed.policy, 'acme_discovery')?.name).toBe('Acme discovery');
    expect(findWorkspaceFramework(DEFAULT_POLICY, 'acme_discovery')).toBeUndefined();
  });

  it('refuses a custom framework that breaks the framework rules or takes a built-in or repeated key', () => {
    const thin = {
      ...CUSTOM_DISCOVERY_V1,
      criteria: CUSTOM_DISCOVERY_V1.criteria.map((c, i) => (i === 0 ? { ...c, questions: ['Why?'] } : c)),
    };
    expect(issuesOf(variant((p) => (p.frameworks.custom = [thin]))).map((i) => i.path)).toEqual([
      'frameworks.custom.0.criteria.0.questions',
    ]);
    expect(
      issuesOf(variant((p) => (p.frameworks.custom = [{ ...CUSTOM_DISCOVERY_V1, key: 'bant' }]))),
    ).toEqual([{ path: 'frameworks.custom.0.key', message: expect.stringContaining('built-in') }]);
    expect(
      issuesOf(variant((p) => (p.frameworks.custom = [CUSTOM_DISCOVERY_V1, CUSTOM_DISCOVERY_V1]))).map(
        (i) => i.path,
      ),
    ).toEqual(['frameworks.custom.1.key']);
  });
});
