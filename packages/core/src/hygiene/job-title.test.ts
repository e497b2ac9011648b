import { describe, expect, it } from 'vitest';
import { parseJobTitle } from './job-title';

describe('parseJobTitle', () => {
  it.each([
    ['CEO', 'c_level', 'executive'],
    ['Chief Executive Officer', 'c_level', 'executive'],
    ['Co-Founder & CEO', 'c_level', 'executive'],
    ['CFO', 'c_level', 'finance'],
    ['CTO', 'c_level', 'engineering'],
    ['Chief Marketing Officer', 'c_level', 'marketing'],
    ['Chief Revenue Officer', 'c_level', 'sales'],
    ['Managing Director', 'c_level', 'executive'],
    ['President', 'c_level', 'executive'],
    ['VP Sales', 'vp', 'sales'],
    ['Vice President of Engineering', 'vp', 'engineering'],
    ['SVP, Marketing', 'vp', 'marketing'],
    ['Head of Marketing', 'director', 'marketing'],
    ['Director of Finance', 'director', 'finance'],
    ['Head of IT', 'director', 'it'],
    ['IT Manager', 'manager', 'it'],
    ['Sales Manager', 'manager', 'sales'],
    ['Customer Success Manager', 'manager', 'support'],
    ['Product Marketing Manager', 'manager', 'marketing'],
    ['Engineering Team Lead', 'manager', 'engineering'],
    ['Sr. Software Engineer', 'individual', 'engineering'],
    ['Sales Engineer', 'individual', 'sales'],
    ['Account Executive', 'individual', 'sales'],
    ['Sales Development Representative', 'individual', 'sales'],
    ['Financial Analyst', 'individual', 'finance'],
    ['Talent Acquisition Specialist', 'individual', 'hr'],
    ['Legal Counsel', 'individual', 'legal'],
    ['Product Owner', 'individual', 'product'],
    ['Executive Assistant to the CEO', 'individual', 'executive'],
    ['Operations Analyst', 'individual', 'operations'],
    ['Dyrektor finansowy', 'director', 'finance'],
    ['Prezes Zarządu', 'c_level', 'executive'],
    ['Wiceprezes ds. sprzedaży', 'vp', 'sales'],
    ['Kierownik działu IT', 'manager', 'it'],
    ['Specjalista ds. marketingu', 'individual', 'marketing'],
    ['Dreamer', 'unknown', 'other'],
    ['   ', 'unknown', 'other'],
  ])('reads %j as %s in %s', (title, seniority, department) => {
    expect(parseJobTitle(title)).toEqual({ seniority, department });
  });

  it('does not read "it" inside another word as the IT department', () => {
    expect(parseJobTitle('Editor').department).toBe('other');
  });
});
