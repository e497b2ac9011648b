import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../src/export/csv-formula-guard';
import { EmailFingerprints } from '../src/import/email-fingerprints';
import { extraCellsOf } from '../src/import/import-leads';
import { MappingError, parseLeadMapping } from '../src/import/lead-mapping';
import { compileRowMapper, parseNumberCell } from '../src/import/lead-row-mapper';

describe('lead mapping', () => {
  it('names every unknown target field, and requires an email column', () => {
    expect(() =>
      parseLeadMapping({ columns: { Email: 'email', Revenue: 'account.revenue', Plan: 'custom.my plan' } }),
    ).toThrow(
      /columns\.Revenue: "account\.revenue" is not a lead field[\s\S]*columns\.Plan: "custom\.my plan"/,
    );
    expect(() => parseLeadMapping({ columns: { Name: 'firstName' } })).toThrow(/must map to "email"/);
    expect(() => parseLeadMapping({ columns: { A: 'email', B: 'email' } })).toThrow(/both map to "email"/);
    expect(() => parseLeadMapping({ columns: { A: 'email' }, sheet: 1 })).toThrow(MappingError);
  });

  it('refuses a mapping that names a column the file does not have, before any row', () => {
    const mapping = parseLeadMapping({ columns: { Email: 'email', Website: 'account.domain' } });
    expect(() => compileRowMapper(mapping, ['Email', 'Company'])).toThrow(
      'the mapping names column "Website", which the file does not have (its columns: "Email", "Company")',
    );
  });
});

describe('row mapping', () => {
  const mapping = parseLeadMapping({
    columns: {
      ' E-mail ': 'email',
      Size: 'account.employees',
      Stack: 'account.technologies',
      Plan: 'custom.plan',
      Country: 'country',
    },
    defaults: { source: 'import' },
  });
  const mapRow = compileRowMapper(mapping, ['E-mail', 'Size', 'Stack', 'Plan', 'Country']);

  it('builds the API lead input: numbers, lists, custom fields, defaults, an account named by its domain', () => {
    expect(mapRow([' Ana@Initech.IO ', '1,200', 'hubspot; slack;', 'pro', 'de'])).toEqual({
      ok: true,
      lead: {
        email: 'ana@initech.io',
        country: 'DE',
        source: 'import',
        custom: { plan: 'pro' },
        account: { name: 'initech.io', employees: 1200, technologies: ['hubspot', 'slack'] },
      },
    });
    expect(mapRow(['bo@hooli.com', '', '', '', ''])).toEqual({
      ok: true,
      lead: { email: 'bo@hooli.com', source: 'import' },
    });
  });

  it('reports every problem of a row with its column, in the order of the columns', () => {
    expect(mapRow(['', 'lots', '', '', 'Poland'])).toEqual({
      ok: false,
      issues: [
        { column: ' E-mail ', problem: 'is empty; a value is required' },
        { column: 'Size', problem: 'must be a number', value: 'lots' },
        { column: 'Country', problem: 'must be an ISO 3166-1 alpha-2 code', value: 'Poland' },
      ],
    });
  });

  it('reads the numbers people type and nothing else', () => {
    expect(parseNumberCell('1 200')).toBe(1200);
    expect(parseNumberCell('$5,000,000')).toBe(5_000_000);
    expect(parseNumberCell('2.5e6')).toBe(2_500_000);
    expect(parseNumberCell('12 people')).toBeUndefined();
    expect(parseNumberCell('1.2.3')).toBeUndefined();
  });
});

describe('email fingerprints', () => {
  it('gives the first row of an email seen before and nothing for a new one, like a map would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.emailAddress(), { maxLength: 300 }),
        fc.integer({ min: 0, max: 5 }),
        (emails, dup) => {
          const seen = new EmailFingerprints();
          const model = new Map<string, number>();
          const list = [...emails, ...emails.slice(0, dup)];
          list.forEach((email, i) => {
            expect(seen.firstRowOf(email, i + 2)).toBe(model.get(email));
            if (!model.has(email)) model.set(email, i + 2);
          });
          expect(seen.size).toBe(model.size);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps working past its initial size', () => {
    const seen = new EmailFingerprints();
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (seen.firstRowOf(`lead${i}@example.com`, i) !== undefined) repeats++;
    expect(repeats).toBe(0);
    expect(seen.firstRowOf('lead123456@example.com', 1)).toBe(123_456);
    expect(seen.size).toBe(200_000);
  });
});

describe('formula neutralising', () => {
  it('prefixes a quote to text a spreadsheet would evaluate (OWASP: = + - @ tab CR)', () => {
    for (const cell of ['=cmd()', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['Ana', '', 'a=b', ' =1', "'quoted"]) expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('cells past the header', () => {
  it('names the values left out, and stays quiet about empty trailing cells', () => {
    expect(extraCellsOf(['a@b.io', 'Ann', 'note', 'Q3'], 2)).toMatchObject({
      column: '(row)',
      value: 'note | Q3',
    });
    expect(extraCellsOf(['a@b.io', 'Ann', '', ' '], 2)).toBeUndefined();
    expect(extraCellsOf(['a@b.io'], 2)).toBeUndefined();
  });
});
