import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import type { IcpRule } from '../policy/icp-rule';
import { type AccountAttributes, computeFit, type FitSubject } from './fit-score';

const rules = DEFAULT_POLICY.icp.rules;

const idealLead: FitSubject = {
  account: {
    industry: 'Software',
    employees: 250,
    annualRevenue: 20_000_000,
    country: 'PL',
    technologies: ['HubSpot', 'Slack'],
    domain: 'acme.io',
  },
  contact: { email: 'anna@acme.io', title: 'VP of Marketing' },
};

describe('computeFit with the default policy', () => {
  it('gives an ideal lead 100 with one line per rule that fired, largest first', () => {
    const fit = computeFit(idealLead, rules);
    expect(fit.score).toBe(100);
    expect(fit.knockedOut).toBe(false);
    expect(fit.lines.map((l) => l.text)).toEqual([
      'Target industry (Industry is Software): +20',
      'Mid-market size (Employees 250 within 50–5,000): +20',
      'Decision-maker (Seniority is vp): +15',
      'Buying department (Department is marketing): +15',
      'Revenue above $5M (Annual revenue 20,000,000 at least 5,000,000): +10',
      'Served territory (Country is PL): +10',
      'Runs a CRM we integrate with (Technologies include HubSpot): +10',
    ]);
  });

  it('derives seniority and department from the title and the mailbox kind from the email', () => {
    const fit = computeFit({ contact: { email: 'jo@gmail.com', title: 'Chief Revenue Officer' } }, rules);
    expect(fit.lines.map((l) => l.ruleId)).toEqual(['decision-maker', 'buying-department', 'free-mail']);
    expect(fit.score).toBe(15);
  });

  it('prefers attributes the caller already set over derived ones', () => {
    const fit = computeFit({ contact: { title: 'CEO', seniority: 'individual', department: 'hr' } }, rules);
    expect(fit.lines).toEqual([]);
  });

  it('lowers the score for negative rules but never below 0', () => {
    const tiny: FitSubject = {
      account: { employees: 4 },
      contact: { email: 'x@gmail.com', title: 'Intern' },
    };
    const fit = computeFit(tiny, rules);
    expect(fit.lines.map((l) => l.points)).toEqual([-10, -15, -20]);
    expect(fit.score).toBe(0);
    expect(fit.knockedOut).toBe(false);
  });

  it('knocks out a student address whatever else fits, and says which rule did it', () => {
    const student = { ...idealLead, contact: { email: 'anna@student.uw.edu.pl', title: 'VP of Marketing' } };
    const fit = computeFit(student, rules);
    expect(fit.score).toBe(0);
    expect(fit.knockedOut).toBe(true);
    expect(fit.knockout).toEqual({
      ruleId: 'student-or-throwaway',
      text: 'School or throw-away address (Email domain is education): knock-out',
    });
    expect(fit.lines[0]?.ruleId).toBe('student-or-throwaway');
    expect(fit.lines).toHaveLength(8);
  });

  it('knocks out a competitor flagged in a custom account field', () => {
    const competitor = { ...idealLead, account: { ...idealLead.account, custom: { competitor: true } } };
    expect(computeFit(competitor, rules).knockout?.ruleId).toBe('competitor');
  });

  it('scores 0 when the policy has no positive rule', () => {
    expect(computeFit(idealLead, []).score).toBe(0);
  });

  it('ignores custom values that are not text, numbers or booleans', () => {
    const rule: IcpRule = {
      id: 'plan',
      subject: 'account',
      field: 'custom.plan',
      operator: 'matches',
      value: '.',
      weight: 10,
    };
    expect(
      computeFit({ account: { custom: { plan: { nested: 'object' } } }, contact: {} }, [rule]).score,
    ).toBe(0);
    expect(computeFit({ account: { custom: { plan: 'pro' } }, contact: {} }, [rule]).score).toBe(100);
  });
});

// Property tests. On failure fast-check prints { seed, path }: pass them to fc.assert to replay.
const INDUSTRIES = ['software', 'retail', 'banking', 'education'] as const;
const TECHNOLOGIES = ['salesforce', 'hubspot', 'slack', 'sap'] as const;

const accountArb: fc.Arbitrary<AccountAttributes> = fc.record({
  industry: fc.constantFrom(...INDUSTRIES),
  employees: fc.integer({ min: 1, max: 20_000 }),
  technologies: fc.subarray([...TECHNOLOGIES]),
});

const ruleArb = (id: string): fc.Arbitrary<IcpRule> =>
  fc.oneof(
    fc.record({
      id: fc.constant(id),
      subject: fc.constant('account' as const),
      field: fc.constant('industry'),
      operator: fc.constant('in' as const),
      value: fc.subarray([...INDUSTRIES], { minLength: 1 }),
      weight: fc.integer({ min: -30, max: 30 }),
    }),
    fc
      .tuple(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: -30, max: 30 }),
      )
      .map(
        ([a, b, weight]): IcpRule => ({
          id,
          subject: 'account',
          field: 'employees',
          operator: 'range',
          value: { min: Math.min(a, b), max: Math.max(a, b) },
          weight,
        }),
      ),
    fc.record({
      id: fc.constant(id),
      subject: fc.constant('account' as const),
      field: fc.constant('technologies'),
      operator: fc.constant('contains' as const),
      value: fc.constantFrom(...TECHNOLOGIES),
      weight: fc.integer({ min: -30, max: 30 }),
    }),
  );

const rulesArb = fc
  .integer({ min: 0, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(`r${i}`))))
  .map((rs): IcpRule[] => rs);

describe('computeFit properties', () => {
  it('always gives an integer score between 0 and 100', () => {
    fc.assert(
      fc.property(accountArb, rulesArb, (account, rs) => {
        const { score } = computeFit({ account, contact: {} }, rs);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('never lowers the score when a positive rule that fires is added', () => {
    fc.assert(
      fc.property(accountArb, rulesArb, fc.integer({ min: 1, max: 50 }), (account, rs, weight) => {
        const firing: IcpRule = {
          id: 'added',
          subject: 'account',
          field: 'industry',
          operator: 'equals',
          value: account.industry ?? '',
          weight,
        };
        const before = computeFit({ account, contact: {} }, rs).score;
        const after = computeFit({ account, contact: {} }, [...rs, firing]).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('gives 0 whenever a knock-out rule fires', () => {
    fc.assert(
      fc.property(accountArb, rulesArb, fc.nat({ max: 8 }), (account, rs, at) => {
        const knockout: IcpRule = {
          id: 'ko',
          subject: 'account',
          field: 'employees',
          operator: 'range',
          value: { min: account.employees ?? 0 },
          weight: 0,
          knockout: true,
        };
        const withKnockout = [...rs.slice(0, at), knockout, ...rs.slice(at)];
        const fit = computeFit({ account, contact: {} }, withKnockout);
        expect(fit.score).toBe(0);
        expect(fit.knockedOut).toBe(true);
        expect(fit.knockout?.ruleId).toBe('ko');
      }),
    );
  });
});
