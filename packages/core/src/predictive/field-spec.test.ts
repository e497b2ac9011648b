import { describe, expect, it } from 'vitest';
import { checkLeakage, selectFeatureFields } from './field-spec';
import { inferFieldSpecs } from './infer-field-specs';

describe('leakage guard', () => {
  it('never lets post-outcome fields through, by name or by flag', () => {
    const { features, excluded } = selectFeatureFields([
      { name: 'industry', kind: 'categorical' },
      { name: 'stage', kind: 'categorical' },
      { name: 'Deal Stage', kind: 'categorical' },
      { name: 'closeDate', kind: 'date' },
      { name: 'Close Value', kind: 'numeric' },
      { name: 'disqualification_reason', kind: 'categorical' },
      { name: 'owner_verdict', kind: 'categorical' },
      { name: 'Lost Reason', kind: 'categorical' },
      { name: 'rep_notes_after_call', kind: 'categorical', postOutcome: true },
      { name: 'employees', kind: 'numeric' },
    ]);
    expect(features.map((field) => field.name)).toEqual(['industry', 'employees']);
    expect(excluded).toHaveLength(8);
    expect(excluded.find((field) => field.name === 'rep_notes_after_call')?.reason).toMatch(
      /after the outcome/,
    );
  });

  it('leaves ordinary lead fields alone', () => {
    for (const name of ['Lead Source', 'TotalVisits', 'job_title', 'country', 'Do Not Email']) {
      expect(checkLeakage({ name }).leaky).toBe(false);
    }
  });
});

describe('inferFieldSpecs', () => {
  const rows = Array.from({ length: 120 }, (_, i) => ({
    'Lead ID': `L-${1000 + i}`,
    'Lead Number': String(500000 + i),
    Revenue: i % 10 === 0 ? '' : `${(i * 1234).toLocaleString('en-US')}`,
    Source: ['Google', 'google', 'Referral', 'Select'][i % 4],
    Newsletter: i % 3 === 0 ? 'Yes' : 'No',
    Created: `2024-0${1 + (i % 9)}-1${i % 10}`,
    Tags: ['crm;erp', 'erp', 'crm;bi'][i % 3],
    Constant: 'No',
    stage: i % 2 === 0 ? 'Won' : 'Lost',
  }));
  const { fields, dropped } = inferFieldSpecs(rows);
  const kind = (name: string) => fields.find((field) => field.name === name)?.kind;

  it('reads numbers with thousands separators as numeric', () => {
    expect(kind('Revenue')).toBe('numeric');
  });

  it('types yes/no, dates, multi-valued lists and categories', () => {
    expect(kind('Newsletter')).toBe('boolean');
    expect(kind('Created')).toBe('date');
    expect(kind('Tags')).toBe('multi');
    expect(kind('Source')).toBe('categorical');
  });

  it('drops identifiers and constants, with a reason', () => {
    expect(dropped.map((field) => field.name).sort()).toEqual(['Constant', 'Lead ID', 'Lead Number']);
    expect(dropped.every((field) => field.reason.length > 0)).toBe(true);
  });

  it('flags post-outcome columns so training skips them', () => {
    expect(fields.find((field) => field.name === 'stage')?.postOutcome).toBe(true);
  });
});
