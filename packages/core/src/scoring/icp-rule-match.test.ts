import { describe, expect, it } from 'vitest';
import type { IcpRule } from '../policy/icp-rule';
import { matchIcpRule } from './icp-rule-match';

const rule = (r: Partial<IcpRule> & Pick<IcpRule, 'operator' | 'value'>): IcpRule =>
  ({ id: 'r', subject: 'account', field: 'industry', weight: 10, ...r }) as IcpRule;

describe('matchIcpRule', () => {
  it('equals ignores case and surrounding spaces', () => {
    expect(matchIcpRule(rule({ operator: 'equals', value: 'software' }), '  Software ')?.description).toBe(
      'Industry is Software',
    );
    expect(matchIcpRule(rule({ operator: 'equals', value: 'software' }), 'Hardware')).toBeNull();
  });

  it('in fires on any listed value, and on any element of a list attribute', () => {
    expect(matchIcpRule(rule({ operator: 'in', value: ['SaaS', 'Fintech'] }), 'fintech')).not.toBeNull();
    const tech = rule({ field: 'technologies', operator: 'in', value: ['salesforce', 'hubspot'] });
    expect(matchIcpRule(tech, ['Slack', 'HubSpot', 'Jira'])).toEqual({
      matched: ['HubSpot'],
      description: 'Technologies include HubSpot',
    });
  });

  it('range is inclusive at both ends and reads numbers written as text', () => {
    const size = rule({ field: 'employees', operator: 'range', value: { min: 50, max: 1000 } });
    expect(matchIcpRule(size, 50)).not.toBeNull();
    expect(matchIcpRule(size, 1000)?.description).toBe('Employees 1,000 within 50–1,000');
    expect(matchIcpRule(size, 49)).toBeNull();
    expect(matchIcpRule(size, 1001)).toBeNull();
    expect(matchIcpRule(size, '250')).not.toBeNull();
    expect(matchIcpRule(size, 'many')).toBeNull();
    expect(
      matchIcpRule(rule({ field: 'employees', operator: 'range', value: { max: 10 } }), 3)?.description,
    ).toBe('Employees 3 at most 10');
  });

  it('contains is a substring test on text and a membership test on lists', () => {
    const title = rule({ subject: 'contact', field: 'title', operator: 'contains', value: 'market' });
    expect(matchIcpRule(title, 'Head of Marketing')?.description).toBe(
      'Title "Head of Marketing" contains "market"',
    );
    const tech = rule({ field: 'technologies', operator: 'contains', value: 'salesforce' });
    expect(matchIcpRule(tech, ['Salesforce'])).not.toBeNull();
    expect(matchIcpRule(tech, ['Salesforce Marketing Cloud'])).toBeNull();
  });

  it('matches is a case-insensitive regular expression', () => {
    const title = rule({ subject: 'contact', field: 'title', operator: 'matches', value: '^(vp|head)\\b' });
    expect(matchIcpRule(title, 'VP Sales')).not.toBeNull();
    expect(matchIcpRule(title, 'Sales VP')).toBeNull();
  });

  it.each([undefined, null, '', '   ', []])('does not fire on a missing attribute (%j)', (missing) => {
    expect(matchIcpRule(rule({ operator: 'in', value: [''] }), missing)).toBeNull();
    expect(matchIcpRule(rule({ operator: 'matches', value: '.*' }), missing)).toBeNull();
  });

  it('compares booleans in custom fields with equals', () => {
    const competitor = rule({ field: 'custom.competitor', operator: 'equals', value: true });
    expect(matchIcpRule(competitor, true)?.description).toBe('competitor is true');
    expect(matchIcpRule(competitor, false)).toBeNull();
  });
});
