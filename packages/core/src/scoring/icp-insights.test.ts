import { describe, expect, it } from 'vitest';
import { icpRuleSchema } from '../policy/icp-rule';
import { type AttributeValueCount, icpInsights, wilsonInterval } from './icp-insights';

const count = (
  field: string,
  value: AttributeValueCount['value'],
  leads: number,
  won: number,
): AttributeValueCount => ({
  subject: field === 'seniority' ? 'contact' : 'account',
  field,
  value,
  label: typeof value === 'string' ? value : `${value.min ?? ''}–${value.max ?? ''}`,
  leads,
  won,
});

describe('icpInsights', () => {
  const totals = { leads: 1000, won: 100 };

  it('calls out values whose customer rate clears the overall rate, both ways, strongest first, with a rule each', () => {
    const result = icpInsights(
      [
        count('industry', 'software', 200, 60), // 30% against 10%: over
        count('industry', 'retail', 300, 6), // 2%: under
        count('industry', 'fintech', 100, 12), // 12%: within noise of 10%
        count('employees', { min: 51, max: 200 }, 150, 36), // 24%: over
      ],
      totals,
    );
    expect(result.enough).toBe(true);
    expect(result.insights.map((i) => [i.field, i.label, i.verdict])).toEqual([
      ['industry', 'retail', 'under'],
      ['industry', 'software', 'over'],
      ['employees', '51–200', 'over'],
    ]);
    const software = result.insights.find((i) => i.label === 'software')!;
    expect(software.lift).toBeCloseTo(3, 9);
    expect(software.rule).toMatchObject({
      operator: 'equals',
      field: 'industry',
      value: 'software',
      weight: 16,
    });
    expect(result.insights.find((i) => i.label === 'retail')!.rule.weight).toBeLessThan(0);
    expect(result.insights.find((i) => i.field === 'employees')!.rule).toMatchObject({
      operator: 'range',
      value: { min: 51, max: 200 },
    });
    // Every proposed rule is a rule the policy accepts as it is.
    for (const insight of result.insights) expect(icpRuleSchema.safeParse(insight.rule).success).toBe(true);
  });

  it('says nothing from a handful of customers or a handful of leads', () => {
    const few = icpInsights([count('industry', 'software', 200, 6)], { leads: 1000, won: 9 });
    expect(few.enough).toBe(false);
    expect(few.reason).toContain('9 customers');
    expect(few.insights).toEqual([]);
    expect(icpInsights([count('industry', 'niche', 5, 5)], totals).insights).toEqual([]);
  });

  it('wilsonInterval brackets the share and narrows as the count grows', () => {
    const small = wilsonInterval(3, 10);
    const large = wilsonInterval(300, 1000);
    expect(small.low).toBeLessThan(0.3);
    expect(small.high).toBeGreaterThan(0.3);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
