import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailKey,
  foldText,
  normalizeCompanyName,
  normalizePersonName,
  phoneKey,
} from './duplicates-normalize';
import { jaroWinkler } from './duplicates-similarity';

describe('emailKey', () => {
  it('reads Gmail addresses the way Gmail delivers them: dots, +tags and googlemail ignored', () => {
    const keys = ['Jan.Kowalski@gmail.com', 'jankowalski+news@gmail.com', 'j.an.kowalski@googlemail.com'].map(
      (e) => emailKey(e)?.mailbox,
    );
    expect(new Set(keys)).toEqual(new Set(['jankowalski@gmail.com']));
  });

  it('keeps dots on other domains, where they name a different mailbox, but drops a +tag', () => {
    expect(emailKey('j.smith@acme.com')?.mailbox).toBe('j.smith@acme.com');
    expect(emailKey('jsmith@acme.com')?.mailbox).toBe('jsmith@acme.com');
    expect(emailKey('J.Smith+crm@Acme.com')?.mailbox).toBe('j.smith@acme.com');
  });

  it('says whether the domain is a company one and keeps the mailbox name with its dots', () => {
    expect(emailKey('anna.nowak@gmail.com')).toMatchObject({ localPart: 'anna.nowak', business: false });
    expect(emailKey('anna.nowak@acme.pl')).toMatchObject({ localPart: 'anna.nowak', business: true });
    expect(emailKey('not an email')).toBeNull();
  });
});

describe('normalizePersonName', () => {
  it.each([
    ['  ŁUKASZ ', 'lukasz'],
    ['José-María', 'jose maria'],
    ['J.', 'j'],
    ['Robert "Bob"', 'robert'],
    ['Müller (Mueller)', 'muller'],
    ['Søren', 'soren'],
    [null, ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePersonName(raw)).toBe(expected);
  });
});

describe('normalizeCompanyName', () => {
  it.each([
    ['Acme Inc.', 'acme'],
    ['ACME, Ltd', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme sp. z o.o.', 'acme'],
    ['Acme Sp. z o. o.', 'acme'],
    ['Żabka Polska S.A.', 'zabka polska'],
    ['acme.com', 'acme'],
    ['acme.co.uk', 'acme'],
    ['The Boring Company', 'boring'],
    ['Procter & Gamble Co.', 'procter and gamble'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeCompanyName(raw)).toBe(expected);
  });
});

describe('phoneKey', () => {
  it('reads one line under its international, trunk and local spellings', () => {
    expect(phoneKey('+48 600 100 200')).toBe('600100200');
    expect(phoneKey('0048 (600) 100-200')).toBe('600100200');
    expect(phoneKey('600.100.200')).toBe('600100200');
  });

  it('ignores numbers too short to name a line', () => {
    expect(phoneKey('12-34')).toBeNull();
    expect(phoneKey(null)).toBeNull();
  });
});

describe('normalisation is idempotent', () => {
  const text = fc.string({
    unit: fc.constantFrom(...'aAąĄłŁ éÉ-.\'"()&ßøIncLtdGmbHsp z o.o.com0123 +@'.split('')),
  });
  it('for names, companies, folded text and phone keys', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizePersonName(normalizePersonName(s))).toBe(normalizePersonName(s));
        expect(normalizeCompanyName(normalizeCompanyName(s))).toBe(normalizeCompanyName(s));
        expect(foldText(foldText(s))).toBe(foldText(s));
        const key = phoneKey(s);
        if (key !== null) expect(phoneKey(key)).toBe(key);
      }),
    );
  });

  it('for email keys: the mailbox of a mailbox is itself', () => {
    const local = fc.string({ unit: fc.constantFrom(...'abcXY.+_-'.split('')), minLength: 1, maxLength: 12 });
    const domain = fc.constantFrom('gmail.com', 'googlemail.com', 'acme.com', 'Outlook.com');
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const key = emailKey(`${l}@${d}`);
        if (key === null || key.mailbox.startsWith('@')) return;
        expect(emailKey(key.mailbox)?.mailbox).toBe(key.mailbox);
      }),
    );
  });
});

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['kowalski', 'kowalsky', 0.95],
  ])('%s / %s ≈ %d (published reference values)', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 2);
  });

  it('is 1 for equal strings, 0 with nothing in common, and symmetric', () => {
    expect(jaroWinkler('anna', 'anna')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(jaroWinkler(a, b)).toBe(jaroWinkler(b, a));
        expect(jaroWinkler(a, b)).toBeGreaterThanOrEqual(0);
        expect(jaroWinkler(a, b)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
