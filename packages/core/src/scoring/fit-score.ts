import { type EmailDomainKind, emailDomainKind } from '../hygiene/email-domain';
import { parseJobTitle } from '../hygiene/job-title';
import type { IcpRule } from '../policy/icp-rule';
import { asScore, type Score } from '../units';
import { type AttributeScalar, type AttributeValue, matchIcpRule } from './icp-rule-match';

type Maybe<T> = T | null | undefined;
/** Workspace-defined attributes; values other than text, numbers, booleans or lists of them are ignored. */
export type CustomAttributes = Record<string, unknown>;

export interface AccountAttributes {
  industry?: Maybe<string>;
  employees?: Maybe<number>;
  annualRevenue?: Maybe<number>;
  country?: Maybe<string>;
  technologies?: Maybe<readonly string[]>;
  domain?: Maybe<string>;
  custom?: Maybe<CustomAttributes>;
}

export interface ContactAttributes {
  /** Used to derive `emailDomainKind` when it is not given. */
  email?: Maybe<string>;
  title?: Maybe<string>;
  /** Derived from `title` when not given. */
  seniority?: Maybe<string>;
  /** Derived from `title` when not given. */
  department?: Maybe<string>;
  emailDomainKind?: Maybe<EmailDomainKind>;
  country?: Maybe<string>;
  source?: Maybe<string>;
  custom?: Maybe<CustomAttributes>;
}

export interface FitSubject {
  account?: Maybe<AccountAttributes>;
  contact: ContactAttributes;
}

export interface FitLine {
  ruleId: string;
  /** e.g. "Target industry (Industry is Software): +20". */
  text: string;
  /** The rule's weight; 0 on a knock-out line. */
  points: number;
  /** The attribute values that made the rule fire. */
  matched: AttributeScalar[];
}

export interface FitResult {
  /** 0–100: the share of the ICP's positive weight this lead earns, after negative rules. */
  score: Score;
  knockedOut: boolean;
  knockout?: { ruleId: string; text: string };
  /** One line per rule that fired, knock-outs first, then by points, largest first. */
  lines: FitLine[];
}

/** The contact as the rules see it: derived attributes filled in where the caller left them out. */
const withDerivedContact = (contact: ContactAttributes): ContactAttributes => {
  const derived: ContactAttributes = { ...contact };
  if (derived.emailDomainKind == null && contact.email != null) {
    derived.emailDomainKind = emailDomainKind(contact.email);
  }
  if ((derived.seniority == null || derived.department == null) && contact.title != null) {
    const parsed = parseJobTitle(contact.title);
    derived.seniority ??= parsed.seniority === 'unknown' ? null : parsed.seniority;
    derived.department ??= parsed.department === 'other' ? null : parsed.department;
  }
  return derived;
};

const attributeOf = (subject: FitSubject, rule: IcpRule): AttributeValue => {
  const record = rule.subject === 'account' ? subject.account : subject.contact;
  if (record == null) return undefined;
  const raw = rule.field.startsWith('custom.')
    ? record.custom?.[rule.field.slice('custom.'.length)]
    : (record as Record<string, unknown>)[rule.field];
  return asAttributeValue(raw);
};

const isScalar = (v: unknown): v is AttributeScalar =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const asAttributeValue = (v: unknown): AttributeValue => {
  if (isScalar(v)) return v;
  if (Array.isArray(v)) return v.filter(isScalar);
  return undefined;
};

const signed = (n: number): string => (n >= 0 ? `+${n}` : `−${Math.abs(n)}`);

/**
 * The lead's fit against the ideal customer profile.
 * score = round(100 × clamp(Σ weights of fired rules / Σ positive weights, 0, 1)); a fired knock-out
 * rule gives 0 whatever else fired (the other fired rules are still listed so a rep sees the whole
 * picture). Knock-out weights do not count. With no positive rule the score is 0: nothing to fit.
 */
export const computeFit = (subject: FitSubject, rules: readonly IcpRule[]): FitResult => {
  const view: FitSubject = { account: subject.account, contact: withDerivedContact(subject.contact) };
  const knockouts: FitLine[] = [];
  const lines: FitLine[] = [];
  let earned = 0;
  let possible = 0;
  for (const rule of rules) {
    if (!rule.knockout && rule.weight > 0) possible += rule.weight;
    const match = matchIcpRule(rule, attributeOf(view, rule));
    if (match === null) continue;
    const what = rule.label !== undefined ? `${rule.label} (${match.description})` : match.description;
    if (rule.knockout) {
      knockouts.push({ ruleId: rule.id, text: `${what}: knock-out`, points: 0, matched: match.matched });
    } else {
      earned += rule.weight;
      lines.push({
        ruleId: rule.id,
        text: `${what}: ${signed(rule.weight)}`,
        points: rule.weight,
        matched: match.matched,
      });
    }
  }
  lines.sort((a, b) => b.points - a.points);
  const first = knockouts[0];
  if (first !== undefined) {
    return {
      score: asScore(0),
      knockedOut: true,
      knockout: { ruleId: first.ruleId, text: first.text },
      lines: [...knockouts, ...lines],
    };
  }
  const share = possible > 0 ? earned / possible : 0;
  return { score: asScore(Math.round(100 * Math.min(1, Math.max(0, share)))), knockedOut: false, lines };
};
