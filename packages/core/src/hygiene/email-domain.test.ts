import { describe, expect, it } from 'vitest';
import { domainOf, emailDomainKind, normalizeEmail } from './email-domain';

describe('normalizeEmail', () => {
  it('trims and lower-cases so the same person is found under any capitalisation', () => {
    expect(normalizeEmail('  Anna.Kowalska@Acme.COM ')).toBe('anna.kowalska@acme.com');
  });
});

describe('domainOf', () => {
  it('returns the lower-cased domain of an address', () => {
    expect(domainOf('Jan@Sub.Example.co.uk')).toBe('sub.example.co.uk');
  });

  it('ignores a trailing dot on the domain', () => {
    expect(domainOf('jan@example.com.')).toBe('example.com');
  });

  it.each(['', 'no-at-sign', 'two@@example.com', 'jan@localhost', 'jan@', 'a b@example.com'])(
    'returns null for %j, which is not an address',
    (text) => {
      expect(domainOf(text)).toBeNull();
    },
  );
});

describe('emailDomainKind', () => {
  it.each([
    ['ceo@acme.io', 'business'],
    ['jan@firma.pl', 'business'],
    ['someone@gmail.com', 'free'],
    ['someone@Outlook.com', 'free'],
    ['someone@hotmail.co.uk', 'free'],
    ['someone@yahoo.fr', 'free'],
    ['someone@gmx.at', 'free'],
    ['someone@proton.me', 'free'],
    ['someone@web.de', 'free'],
    ['someone@wp.pl', 'free'],
    ['someone@o2.pl', 'free'],
    ['someone@qq.com', 'free'],
    ['someone@163.com', 'free'],
    ['someone@mail.ru', 'free'],
    ['someone@yandex.ru', 'free'],
    ['student@mit.edu', 'education'],
    ['student@cs.ox.ac.uk', 'education'],
    ['student@students.uw.edu.pl', 'education'],
    ['student@unimelb.edu.au', 'education'],
    ['x@mailinator.com', 'disposable'],
    ['x@eu.mailinator.com', 'disposable'],
    ['x@10minutemail.com', 'disposable'],
    ['x@yopmail.com', 'disposable'],
    ['not an email', 'unknown'],
  ])('classifies %s as %s', (email, kind) => {
    expect(emailDomainKind(email)).toBe(kind);
  });

  it('does not mistake a company whose name starts like a free brand for a free mailbox', () => {
    expect(emailDomainKind('ops@yahoo-partners.example.com')).toBe('business');
    expect(emailDomainKind('ops@live.acme-events.com')).toBe('business');
  });
});
