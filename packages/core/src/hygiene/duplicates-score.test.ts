import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLDS, type DuplicateSubject, scoreDuplicate } from './duplicates-score';

const lead = (fields: Partial<DuplicateSubject> & { email: string }): DuplicateSubject => ({
  firstName: null,
  lastName: null,
  phone: null,
  accountId: null,
  company: null,
  ...fields,
});

const ACME = '00000000-0000-4000-8000-00000000acme';

describe('scoreDuplicate: leads a sales-ops user would merge', () => {
  it('finds the same Gmail mailbox written with dots, a +tag and googlemail', () => {
    const result = scoreDuplicate(
      lead({ email: 'jan.kowalski@gmail.com' }),
      lead({ email: 'jankowalski+webinar@googlemail.com' }),
    );
    expect(result.verdict).toBe('likely');
    expect(result.lines.map((l) => l.signal)).toContain('email');
  });

  it('finds the same person at the same company under an accent and a capital letter', () => {
    const result = scoreDuplicate(
      lead({
        email: 'lukasz.zielinski@acme.pl',
        firstName: 'Łukasz',
        lastName: 'Zieliński',
        accountId: ACME,
        company: 'Acme',
      }),
      lead({
        email: 'l.zielinski@acme.pl',
        firstName: 'LUKASZ',
        lastName: 'Zielinski',
        accountId: ACME,
        company: 'Acme',
      }),
    );
    expect(result.verdict).toBe('likely');
    expect(result.lines.map((l) => [l.signal, l.match])).toEqual([
      ['base', null],
      ['first_name', 'same'],
      ['last_name', 'same'],
      ['company', 'same'],
    ]);
  });

  it('finds an initial and a typo at the same company email domain', () => {
    const initial = scoreDuplicate(
      lead({ email: 'jkowalski@acme.io', firstName: 'J.', lastName: 'Kowalski' }),
      lead({ email: 'jan@acme.io', firstName: 'Jan', lastName: 'Kowalski' }),
    );
    expect(initial.verdict).toBe('likely');
    expect(initial.lines.find((l) => l.signal === 'first_name')?.match).toBe('initial');
    const typo = scoreDuplicate(
      lead({ email: 'anna@acme.io', firstName: 'Anna', lastName: 'Kowalsky' }),
      lead({ email: 'a.kowalski@acme.io', firstName: 'Anna', lastName: 'Kowalski' }),
    );
    expect(typo.verdict).toBe('likely');
  });

  it('finds the same company behind two account names that differ only in the legal form', () => {
    const result = scoreDuplicate(
      lead({
        email: 'marta@gmail.com',
        firstName: 'Marta',
        lastName: 'Nowak',
        accountId: 'a1',
        company: 'Acme sp. z o.o.',
      }),
      lead({
        email: 'mnowak@acme.pl',
        firstName: 'Marta',
        lastName: 'Nowak',
        accountId: 'a2',
        company: 'ACME',
      }),
    );
    expect(result.verdict).toBe('likely');
    expect(result.lines.find((l) => l.signal === 'company')?.text).toContain('Same company under two names');
  });

  it('finds a personal and a work address with the same mailbox name and the same name', () => {
    const result = scoreDuplicate(
      lead({ email: 'maria.garcia@gmail.com', firstName: 'María', lastName: 'García' }),
      lead({ email: 'maria.garcia@globex.com', firstName: 'Maria', lastName: 'Garcia' }),
    );
    expect(result.verdict).toBe('likely');
    expect(result.lines.map((l) => l.signal)).toContain('email_local_part');
  });

  it('calls the same name with a company known on one side only possible, not likely', () => {
    const result = scoreDuplicate(
      lead({ email: 'jsmith@gmail.com', firstName: 'John', lastName: 'Smith' }),
      lead({
        email: 'john@initech.com',
        firstName: 'John',
        lastName: 'Smith',
        accountId: 'a1',
        company: 'Initech',
      }),
    );
    expect(result.verdict).toBe('possible');
  });

  it('makes the same phone number tip a same-name pair over to likely', () => {
    const phone = (p: string | null) =>
      scoreDuplicate(
        lead({ email: 'jsmith@gmail.com', firstName: 'John', lastName: 'Smith', phone: '+1 (415) 555-0134' }),
        lead({ email: 'john@initech.com', firstName: 'John', lastName: 'Smith', phone: p }),
      );
    expect(phone('415.555.0134').verdict).toBe('likely');
    expect(phone(null).verdict).toBe('possible');
  });
});

describe('scoreDuplicate: pairs naive matching would flag, and a person would not', () => {
  it('keeps two people at the same company apart, even with the same last name', () => {
    const colleagues = scoreDuplicate(
      lead({
        email: 'anna.nowak@acme.pl',
        firstName: 'Anna',
        lastName: 'Nowak',
        accountId: ACME,
        company: 'Acme',
      }),
      lead({
        email: 'piotr.nowak@acme.pl',
        firstName: 'Piotr',
        lastName: 'Nowak',
        accountId: ACME,
        company: 'Acme',
      }),
    );
    expect(colleagues.verdict).toBe('unlikely');
    const strangers = scoreDuplicate(
      lead({ email: 'anna@acme.pl', firstName: 'Anna', lastName: 'Nowak', accountId: ACME, company: 'Acme' }),
      lead({ email: 'tom@acme.pl', firstName: 'Tom', lastName: 'Baker', accountId: ACME, company: 'Acme' }),
    );
    expect(strangers.score).toBeLessThan(0.01);
  });

  it('keeps a common name at two different companies apart', () => {
    const result = scoreDuplicate(
      lead({
        email: 'john.smith@initech.com',
        firstName: 'John',
        lastName: 'Smith',
        accountId: 'a1',
        company: 'Initech',
      }),
      lead({
        email: 'john.smith@globex.com',
        firstName: 'John',
        lastName: 'Smith',
        accountId: 'a2',
        company: 'Globex Corporation',
      }),
    );
    expect(result.score).toBeLessThan(DUPLICATE_THRESHOLDS.possible);
    expect(result.lines.find((l) => l.signal === 'company')?.match).toBe('different');
  });

  it('does not read a shared role mailbox name or a switchboard number as one person', () => {
    const role = scoreDuplicate(lead({ email: 'sales@initech.com' }), lead({ email: 'sales@globex.com' }));
    expect(role.verdict).toBe('unlikely');
    expect(role.lines.map((l) => l.signal)).toEqual(['base']);
    const switchboard = scoreDuplicate(
      lead({ email: 'a@acme.pl', firstName: 'Anna', lastName: 'Nowak', phone: '+48 22 100 20 30' }),
      lead({ email: 'b@acme.pl', firstName: 'Ewa', lastName: 'Lis', phone: '22 100 20 30' }),
    );
    expect(switchboard.verdict).toBe('unlikely');
  });

  it('keeps dotted variants apart where the provider does not ignore dots', () => {
    const result = scoreDuplicate(lead({ email: 'j.smith@acme.com' }), lead({ email: 'jsmith@acme.com' }));
    expect(result.verdict).toBe('unlikely');
  });

  it('calls a shared mailbox under two different names possible at most', () => {
    const result = scoreDuplicate(
      lead({ email: 'smithfamily@gmail.com', firstName: 'John', lastName: 'Smith' }),
      lead({ email: 'smith.family+x@gmail.com', firstName: 'Jane', lastName: 'Smith' }),
    );
    expect(result.verdict).not.toBe('likely');
  });
});

describe('scoreDuplicate: properties', () => {
  const subject = fc.record({
    email: fc
      .tuple(
        fc.constantFrom('jan.kowalski', 'jankowalski', 'jan.kowalski+x', 'anna', 'info', 'a.nowak'),
        fc.constantFrom('gmail.com', 'googlemail.com', 'acme.pl', 'globex.com'),
      )
      .map(([l, d]) => `${l}@${d}`),
    firstName: fc.constantFrom(null, 'Jan', 'J.', 'Anna', 'Łukasz', 'Lukasz', 'Jon'),
    lastName: fc.constantFrom(null, 'Kowalski', 'Kowalsky', 'Nowak', 'Kowalska-Nowak'),
    phone: fc.constantFrom(null, '+48 600 100 200', '600100200', '22 100 20 30'),
    accountId: fc.constantFrom(null, 'a1', 'a2'),
    company: fc.constantFrom(null, 'Acme Inc', 'ACME sp. z o.o.', 'Globex'),
  });

  it('is symmetric: a against b says what b against a says', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(scoreDuplicate(a, b)).toEqual(scoreDuplicate(b, a));
      }),
    );
  });

  it('calls a lead against itself a certain match', () => {
    fc.assert(
      fc.property(subject, (a) => {
        const self = scoreDuplicate(a, a);
        expect(self.score).toBe(1);
        expect(self.verdict).toBe('likely');
      }),
    );
  });

  it('stays within 0–1 and its verdict follows the thresholds', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        const { score, verdict } = scoreDuplicate(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        const expected = score >= 0.8 ? 'likely' : score >= 0.5 ? 'possible' : 'unlikely';
        expect(verdict).toBe(expected);
      }),
    );
  });
});
