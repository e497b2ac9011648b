import type { IcpOperator, IcpRule, IcpSubject, ScoringPolicy } from '@triage/core';
import { formatRuleValue, parseRuleValue } from './rule-value';

export interface RuleRow {
  id: string;
  label: string;
  subject: IcpSubject;
  field: string;
  operator: IcpOperator;
  valueText: string;
  weight: number;
  knockout: boolean;
}

export interface PolicyDraft {
  policy: ScoringPolicy;
  rules: RuleRow[];
}

export const toDraft = (policy: ScoringPolicy): PolicyDraft => ({
  policy: structuredClone(policy),
  rules: policy.icp.rules.map((r) => ({
    id: r.id,
    label: r.label ?? '',
    subject: r.subject,
    field: r.field,
    operator: r.operator,
    valueText: formatRuleValue(r),
    weight: r.weight,
    knockout: r.knockout ?? false,
  })),
});

export type DraftResult = { ok: true; policy: ScoringPolicy } | { ok: false; problems: string[] };

/** The editable rows back into a policy; a rule whose value does not read is named, nothing is sent. */
export function fromDraft(draft: PolicyDraft): DraftResult {
  const problems: string[] = [];
  const rules: IcpRule[] = [];
  draft.rules.forEach((row, i) => {
    const parsed = parseRuleValue(row.operator, row.valueText);
    if (!parsed.ok) {
      problems.push(`Rule ${i + 1} (${row.label || row.id}): ${parsed.message}`);
      return;
    }
    rules.push({
      id: row.id,
      ...(row.label.trim() ? { label: row.label.trim() } : {}),
      subject: row.subject,
      field: row.field,
      operator: row.operator,
      value: parsed.value,
      weight: row.weight,
      ...(row.knockout ? { knockout: true } : {}),
    } as IcpRule);
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, policy: { ...draft.policy, icp: { rules } } };
}

/** A fresh rule id that does not collide with the others. */
export function newRuleId(rows: RuleRow[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.id === `rule-${n}`)) n += 1;
  return `rule-${n}`;
}
