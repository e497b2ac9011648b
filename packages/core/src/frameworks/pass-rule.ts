import type { Criterion, FrameworkDefinition, PassRule } from './framework-types';

/** A problem found in a framework definition; `path` is a JSON pointer (RFC 6901). */
export interface FrameworkIssue {
  path: string;
  message: string;
}

/**
 * Checks that a pass rule can be satisfied by the given criteria: k between 1 and the number of
 * criteria, a threshold in (0, 1], required keys that exist and are listed once.
 * Paths are relative to the rule (`/k`, `/required/0`).
 */
export function checkPassRule(criteria: readonly Pick<Criterion, 'key'>[], rule: PassRule): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const n = criteria.length;
  if (rule.kind === 'k_of_n' && !(Number.isInteger(rule.k) && rule.k >= 1 && rule.k <= n)) {
    issues.push({ path: '/k', message: `k must be a whole number from 1 to ${n} (the number of criteria)` });
  }
  if (rule.kind === 'weighted' && !(rule.threshold > 0 && rule.threshold <= 1)) {
    issues.push({ path: '/threshold', message: 'threshold must be a share of the total weight in (0, 1]' });
  }
  const keys = new Set(criteria.map((criterion) => criterion.key));
  const seen = new Set<string>();
  (rule.required ?? []).forEach((key, index) => {
    if (!keys.has(key)) {
      issues.push({
        path: `/required/${index}`,
        message: `required criterion "${key}" is not in the framework`,
      });
    } else if (seen.has(key)) {
      issues.push({ path: `/required/${index}`, message: `required criterion "${key}" is listed twice` });
    }
    seen.add(key);
  });
  return issues;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "four" for 4, "14" for 14: small counts read better as words in a sentence. */
export function countInWords(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** "Budget, Need and Timeline". */
export function joinLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** One phrase saying what a rule asks for, e.g. "BANT passes at 3 of 4" or "MEDDIC passes at 80% of the weight, with Champion required". */
export function describePassRule(
  framework: FrameworkDefinition,
  rule: PassRule = framework.passRule,
): string {
  const n = framework.criteria.length;
  const base =
    rule.kind === 'all'
      ? `${framework.name} needs all ${countInWords(n)} criteria`
      : rule.kind === 'k_of_n'
        ? `${framework.name} passes at ${rule.k} of ${n}`
        : `${framework.name} passes at ${formatPercent(rule.threshold)} of the weight`;
  const required = (rule.required ?? []).map(
    (key) => framework.criteria.find((criterion) => criterion.key === key)?.label ?? key,
  );
  if (required.length === 0 || rule.kind === 'all') return base;
  return `${base}, with ${joinLabels(required)} required`;
}
