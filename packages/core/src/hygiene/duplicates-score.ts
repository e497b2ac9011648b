import {
  type EmailKey,
  emailKey,
  normalizeCompanyName,
  normalizePersonName,
  phoneKey,
} from './duplicates-normalize';
import { jaroWinkler } from './duplicates-similarity';

/** What is known of a lead when it is compared with another. `company` is its account's name. */
export interface DuplicateSubject {
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  accountId: string | null;
  company: string | null;
}

export const DUPLICATE_SIGNALS = [
  'base',
  'email',
  'email_local_part',
  'first_name',
  'last_name',
  'company',
  'phone',
] as const;
export type DuplicateSignal = (typeof DUPLICATE_SIGNALS)[number];

export const DUPLICATE_VERDICTS = ['likely', 'possible', 'unlikely'] as const;
export type DuplicateVerdict = (typeof DUPLICATE_VERDICTS)[number];

export const FIELD_MATCHES = ['same', 'similar', 'initial', 'different'] as const;
export type FieldMatch = (typeof FIELD_MATCHES)[number];

/** One piece of evidence: which field, how it compared, and how far it moved the odds (log-odds points). */
export interface DuplicateLine {
  signal: DuplicateSignal;
  match: FieldMatch | null;
  points: number;
  text: string;
}

export interface DuplicateScore {
  /** 0–1: the chance the two leads are the same person, from the evidence in `lines`. */
  score: number;
  verdict: DuplicateVerdict;
  lines: DuplicateLine[];
}

/**
 * Likely: merge without much doubt (same mailbox, or the same name at the same company). Possible: worth a look
 * (the same name where the company is unknown on one side, a shared mailbox under two names).
 */
export const DUPLICATE_THRESHOLDS = { likely: 0.8, possible: 0.5 } as const;

/**
 * Evidence weights in log-odds points, added to a base that says two leads are different people unless shown
 * otherwise (the Fellegi–Sunter record-linkage scheme): agreement on a field adds, a clear disagreement subtracts,
 * a field missing on either side says nothing. The score is the logistic of the sum.
 */
export const DUPLICATE_WEIGHTS = {
  base: -5,
  sameMailbox: 12,
  sameLocalPart: 2.5,
  firstName: { same: 2.5, similar: 1.5, initial: 1.5, different: -4 },
  lastName: { same: 3, similar: 2, initial: 0, different: -3 },
  company: { same: 2, similar: 1.5, initial: 0, different: -2.5 },
  samePhone: 2.5,
} as const;

/** Similarity from which two spellings are read as one name with a typo. */
const FIRST_NAME_SIMILAR = 0.9;
const LAST_NAME_SIMILAR = 0.92;
const COMPANY_SIMILAR = 0.92;

/** Mailbox names shared by many people: the same one at two domains says nothing about a person. */
const ROLE_MAILBOXES = new Set([
  'info',
  'sales',
  'contact',
  'admin',
  'office',
  'hello',
  'support',
  'marketing',
  'team',
  'mail',
  'billing',
  'accounts',
  'enquiries',
  'inquiries',
  'jobs',
  'careers',
  'hr',
  'noreply',
  'no-reply',
  'biuro',
  'kontakt',
  'sekretariat',
  'service',
  'help',
]);

/** The highest score a pair with two different first names can reach: just under likely. */
const DIFFERENT_FIRST_NAMES_CAP = 0.79;

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * How likely two leads are the same person, with a line per piece of evidence. Symmetric: comparing b with a
 * gives the same score and lines. A lead compared with itself is a certain match (its mailbox is its own).
 */
export function scoreDuplicate(a: DuplicateSubject, b: DuplicateSubject): DuplicateScore {
  const w = DUPLICATE_WEIGHTS;
  const lines: DuplicateLine[] = [
    {
      signal: 'base',
      match: null,
      points: w.base,
      text: 'Two leads are taken to be different people unless the evidence below says otherwise',
    },
  ];
  const emailA = emailKey(a.email);
  const emailB = emailKey(b.email);
  lines.push(...emailLines(emailA, emailB));

  const first = compareFirstNames(a.firstName, b.firstName);
  if (first) lines.push({ ...first, points: w.firstName[first.match] });
  const last = compareLastNames(a.lastName, b.lastName);
  if (last) lines.push({ ...last, points: w.lastName[last.match] });
  const company = compareCompanies(a, b, emailA, emailB);
  if (company) lines.push({ ...company, points: w.company[company.match] });

  const phoneA = phoneKey(a.phone);
  if (phoneA !== null && phoneA === phoneKey(b.phone)) {
    lines.push({
      signal: 'phone',
      match: 'same',
      points: w.samePhone,
      text: `Same phone number (ending ${phoneA.slice(-4)})`,
    });
  }
  const logit = lines.reduce((sum, line) => sum + line.points, 0);
  let score = round2(1 / (1 + Math.exp(-logit)));
  // Two first names are two people sharing something (a mailbox, a phone): worth a look, never a likely merge.
  if (first?.match === 'different') score = Math.min(score, DIFFERENT_FIRST_NAMES_CAP);
  return { score, verdict: verdictOf(score), lines };
}

export function verdictOf(score: number): DuplicateVerdict {
  if (score >= DUPLICATE_THRESHOLDS.likely) return 'likely';
  if (score >= DUPLICATE_THRESHOLDS.possible) return 'possible';
  return 'unlikely';
}

function emailLines(a: EmailKey | null, b: EmailKey | null): DuplicateLine[] {
  if (!a || !b) return [];
  if (a.mailbox === b.mailbox) {
    return [
      {
        signal: 'email',
        match: 'same',
        points: DUPLICATE_WEIGHTS.sameMailbox,
        text: `Same mailbox: ${a.mailbox} (letter case, +tags and, for Gmail, dots do not change where mail goes)`,
      },
    ];
  }
  // Between two company domains first.last is the name again; with a free-mail side it links home and work.
  if (a.localPart === b.localPart && (!a.business || !b.business) && isPersonalMailboxName(a.localPart)) {
    const [d1, d2] = [a.domain, b.domain].sort();
    return [
      {
        signal: 'email_local_part',
        match: 'same',
        points: DUPLICATE_WEIGHTS.sameLocalPart,
        text: `Same mailbox name "${a.localPart}" at ${d1} and ${d2}`,
      },
    ];
  }
  return [];
}

function isPersonalMailboxName(local: string): boolean {
  return local.length >= 4 && /\p{L}/u.test(local) && !ROLE_MAILBOXES.has(local);
}

type Comparison = { signal: DuplicateSignal; match: FieldMatch; text: string };

function compareFirstNames(rawA: string | null, rawB: string | null): Comparison | undefined {
  const a = normalizePersonName(rawA);
  const b = normalizePersonName(rawB);
  if (!a || !b) return undefined;
  const [shown1, shown2] = [rawA!.trim(), rawB!.trim()].sort();
  const signal = 'first_name' as const;
  const tokenA = a.split(' ')[0]!;
  const tokenB = b.split(' ')[0]!;
  if (a === b || tokenA === tokenB) return { signal, match: 'same', text: `Same first name: ${shown1}` };
  if ((tokenA.length === 1 || tokenB.length === 1) && tokenA[0] === tokenB[0])
    return { signal, match: 'initial', text: `First names agree on the initial: ${shown1} / ${shown2}` };
  const similarity = jaroWinkler(tokenA, tokenB);
  if (similarity >= FIRST_NAME_SIMILAR && Math.min(tokenA.length, tokenB.length) >= 3)
    return { signal, match: 'similar', text: `Similar first names (a typo?): ${shown1} / ${shown2}` };
  return {
    signal,
    match: 'different',
    text: `Different first names: ${shown1} / ${shown2} (at most a possible duplicate)`,
  };
}

function compareLastNames(rawA: string | null, rawB: string | null): Comparison | undefined {
  const a = normalizePersonName(rawA);
  const b = normalizePersonName(rawB);
  if (!a || !b) return undefined;
  const [shown1, shown2] = [rawA!.trim(), rawB!.trim()].sort();
  const signal = 'last_name' as const;
  if (a === b) return { signal, match: 'same', text: `Same last name: ${shown1}` };
  const tokensA = a.split(' ');
  const tokensB = new Set(b.split(' '));
  // A double-barrelled name and one of its halves (Kowalska-Nowak / Nowak).
  if (tokensA.some((token) => token.length > 1 && tokensB.has(token)))
    return { signal, match: 'similar', text: `Last names share a part: ${shown1} / ${shown2}` };
  if (jaroWinkler(a, b) >= LAST_NAME_SIMILAR)
    return { signal, match: 'similar', text: `Similar last names (a typo?): ${shown1} / ${shown2}` };
  return { signal, match: 'different', text: `Different last names: ${shown1} / ${shown2}` };
}

function compareCompanies(
  a: DuplicateSubject,
  b: DuplicateSubject,
  emailA: EmailKey | null,
  emailB: EmailKey | null,
): Comparison | undefined {
  const signal = 'company' as const;
  if (a.accountId !== null && a.accountId === b.accountId) {
    const name = [a.company, b.company].filter((c) => c !== null).sort()[0];
    return { signal, match: 'same', text: `Same account${name ? `: ${name}` : ''}` };
  }
  if (emailA?.business && emailB?.business && emailA.domain === emailB.domain)
    return { signal, match: 'same', text: `Same company email domain: ${emailA.domain}` };
  const nameA = normalizeCompanyName(a.company);
  const nameB = normalizeCompanyName(b.company);
  if (!nameA || !nameB) return undefined;
  const [shown1, shown2] = [a.company!.trim(), b.company!.trim()].sort();
  if (nameA === nameB)
    return { signal, match: 'same', text: `Same company under two names: ${shown1} / ${shown2}` };
  if (jaroWinkler(nameA, nameB) >= COMPANY_SIMILAR)
    return { signal, match: 'similar', text: `Similar company names: ${shown1} / ${shown2}` };
  return { signal, match: 'different', text: `Different companies: ${shown1} / ${shown2}` };
}
