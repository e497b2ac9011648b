import type { IcpRule } from '../policy/icp-rule';

export type AttributeScalar = string | number | boolean;
export type AttributeValue = AttributeScalar | readonly AttributeScalar[] | null | undefined;

export interface RuleMatch {
  /** The attribute values that made the rule fire, as shown to a rep. */
  matched: AttributeScalar[];
  /** e.g. "Industry is Software", "Employees 250 within 50–5,000". */
  description: string;
}

const FIELD_LABELS: Record<string, string> = {
  industry: 'Industry',
  employees: 'Employees',
  annualRevenue: 'Annual revenue',
  country: 'Country',
  technologies: 'Technologies',
  domain: 'Domain',
  title: 'Title',
  seniority: 'Seniority',
  department: 'Department',
  emailDomainKind: 'Email domain',
  source: 'Source',
};

export const fieldLabel = (rule: Pick<IcpRule, 'subject' | 'field'>): string => {
  if (rule.field.startsWith('custom.')) return rule.field.slice('custom.'.length);
  const label = FIELD_LABELS[rule.field] ?? rule.field;
  return rule.subject === 'contact' && rule.field === 'country' ? 'Contact country' : label;
};

const normalized = (v: AttributeScalar): string =>
  typeof v === 'string' ? v.trim().toLowerCase() : String(v);

const asNumber = (v: AttributeScalar): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
};

const shown = (v: AttributeScalar): string =>
  typeof v === 'number' ? v.toLocaleString('en-US') : typeof v === 'string' ? v.trim() : String(v);
const showList = (vs: readonly AttributeScalar[]): string => vs.map(shown).join(', ');

const rangeText = ({ min, max }: { min?: number; max?: number }): string => {
  if (min !== undefined && max !== undefined) return `within ${shown(min)}–${shown(max)}`;
  if (min !== undefined) return `at least ${shown(min)}`;
  return `at most ${shown(max ?? 0)}`;
};

const regexCache = new Map<string, RegExp | null>();
const compiled = (source: string): RegExp | null => {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'i');
    } catch {
      // The policy schema rejects invalid patterns; an unvalidated one simply never fires.
      re = null;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(source, re);
  }
  return re;
};

const isPresent = (v: AttributeScalar): boolean => !(typeof v === 'string' && v.trim() === '');

/**
 * Does one ICP rule fire on one attribute value? A missing value (absent, null, blank, empty list)
 * never fires, so an unknown attribute neither helps nor hurts. List attributes (technologies) fire
 * when any element does.
 */
export const matchIcpRule = (rule: IcpRule, value: AttributeValue): RuleMatch | null => {
  if (value === null || value === undefined) return null;
  const isList = Array.isArray(value);
  const elements = (isList ? (value as readonly AttributeScalar[]) : [value as AttributeScalar]).filter(
    isPresent,
  );
  if (elements.length === 0) return null;
  const matched = matchingElements(rule, elements, isList);
  // The description is only built for a rule that fired: number formatting for every rule of every lead
  // dominated bulk scoring (a CSV import scores a million leads).
  return matched.length > 0 ? { matched, description: describeMatch(rule, matched, isList) } : null;
};

const allowedSets = new WeakMap<readonly AttributeScalar[], Set<string>>();
const allowedSet = (values: readonly AttributeScalar[]): Set<string> => {
  let set = allowedSets.get(values);
  if (set === undefined) {
    set = new Set(values.map(normalized));
    allowedSets.set(values, set);
  }
  return set;
};

const matchingElements = (
  rule: IcpRule,
  elements: readonly AttributeScalar[],
  isList: boolean,
): AttributeScalar[] => {
  switch (rule.operator) {
    case 'equals': {
      const expected = normalized(rule.value);
      return elements.filter((e) => normalized(e) === expected);
    }
    case 'in': {
      const allowed = allowedSet(rule.value);
      return elements.filter((e) => allowed.has(normalized(e)));
    }
    case 'range': {
      const { min, max } = rule.value;
      return elements.filter((e) => {
        const n = asNumber(e);
        return n !== null && (min === undefined || n >= min) && (max === undefined || n <= max);
      });
    }
    case 'contains': {
      const needle = normalized(rule.value);
      return isList
        ? elements.filter((e) => normalized(e) === needle)
        : elements.filter((e) => normalized(e).includes(needle));
    }
    case 'matches': {
      const re = compiled(rule.value);
      return re === null ? [] : elements.filter((e) => re.test(String(e)));
    }
  }
};

const describeMatch = (rule: IcpRule, matched: readonly AttributeScalar[], isList: boolean): string => {
  const field = fieldLabel(rule);
  switch (rule.operator) {
    case 'equals':
    case 'in':
      return isList ? `${field} include ${showList(matched)}` : `${field} is ${showList(matched)}`;
    case 'range':
      return `${field} ${showList(matched)} ${rangeText(rule.value)}`;
    case 'contains':
      return isList
        ? `${field} include ${showList(matched)}`
        : `${field} "${showList(matched)}" contains "${rule.value}"`;
    case 'matches':
      return `${field} "${showList(matched)}" matches /${rule.value}/`;
  }
};
