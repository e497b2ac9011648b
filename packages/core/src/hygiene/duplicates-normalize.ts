import { domainOf, emailDomainKind, normalizeEmail } from './email-domain';

/**
 * The forms two leads are compared in. Each normaliser is idempotent (normalising twice changes nothing), so a
 * stored key and a freshly computed one always agree.
 */

/** Letters NFD does not decompose into a base letter and a mark. */
const LETTER_FOLDS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case, accents and special letters folded to ASCII where they have a plain form (Łódź → lodz). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łøßæœđðþı]/g, (c) => LETTER_FOLDS[c] ?? c);
}

/**
 * A person's name part as compared: folded, a nickname in quotes or brackets dropped (`Robert "Bob"` → robert),
 * punctuation and hyphens turned into spaces (so an initial `J.` is `j`), spaces collapsed. No nickname table:
 * Bob and Robert stay different names, which errs towards keeping two people apart.
 */
export function normalizePersonName(name: string | null | undefined): string {
  if (!name) return '';
  return foldText(name)
    .replace(/"[^"]*"|'[^']*'|\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Legal-form words that say nothing about which company it is (Acme Inc = ACME Ltd = Acme GmbH). */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ug',
  'se',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'kk',
  'pty',
  'pte',
  'lda',
  'sl',
  'sro',
  'spol',
  'zoo',
  'sp',
  'sk',
  'ska',
  'the',
]);

/** Registry suffixes: an account named after its domain (acme.com) is the company acme. */
const DOMAIN_NAME = /^([a-z0-9-]+)\.(?:[a-z]{2,3}\.)?[a-z]{2,}$/;

/**
 * A company name as compared: folded, legal forms (Inc, Ltd, GmbH, sp. z o.o., S.A. …) and punctuation removed,
 * a bare domain reduced to its name. An empty result means "unknown".
 */
export function normalizeCompanyName(name: string | null | undefined): string {
  if (!name) return '';
  let text = foldText(name).trim();
  const domain = DOMAIN_NAME.exec(text);
  if (domain?.[1]) text = domain[1];
  const words = text
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ');
  // Repeated until nothing changes, so normalising a normalised name changes nothing.
  for (let before = ''; before !== words.join(' '); ) {
    before = words.join(' ');
    const kept = joinInitials(words.filter((word) => word !== '' && !LEGAL_FORMS.has(word)));
    words.splice(0, words.length, ...kept);
  }
  return words.join(' ');
}

/** Runs of single letters are one abbreviation written with dots or spaces: S.A. → sa, z o.o. → zoo. */
function joinInitials(words: string[]): string[] {
  const out: string[] = [];
  let inRun = false;
  for (const word of words) {
    if (word.length === 1 && inRun) out[out.length - 1] += word;
    else out.push(word);
    inRun = word.length === 1;
  }
  return out;
}

/** Gmail ignores dots in the mailbox name and serves googlemail.com as the same mailbox. */
const DOT_BLIND_DOMAINS = new Set(['gmail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

export interface EmailKey {
  /** The address a provider delivers to: jan.kowalski+news@googlemail.com → jankowalski@gmail.com. */
  mailbox: string;
  /** The mailbox name with its +tag removed but dots kept: the part people reuse across domains. */
  localPart: string;
  domain: string;
  /** A company's own domain (not free mail, school or throw-away). */
  business: boolean;
}

/**
 * Provider-aware form of an address. A `+tag` is dropped on every domain (sub-addressing is what nearly every
 * provider and company mail server uses it for); dots are dropped only where the provider ignores them (Gmail).
 * Null when the text is not an address.
 */
export function emailKey(email: string): EmailKey | null {
  const normalized = normalizeEmail(email);
  const rawDomain = domainOf(normalized);
  if (rawDomain === null) return null;
  const domain = DOMAIN_ALIASES[rawDomain] ?? rawDomain;
  const at = normalized.lastIndexOf('@');
  const localPart = normalized.slice(0, at).replace(/\+.*$/, '');
  const mailbox = `${DOT_BLIND_DOMAINS.has(domain) ? localPart.replaceAll('.', '') : localPart}@${domain}`;
  return { mailbox, localPart, domain, business: emailDomainKind(normalized) === 'business' };
}

/**
 * The digits that identify a phone line: the last nine, so +48 600 100 200, 0048600100200 and 600-100-200 agree
 * while an extension-less switchboard number still differs from a direct line. Null below seven digits.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return null;
  return digits.slice(-9);
}
