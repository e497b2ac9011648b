import type { IcpOperator, IcpRule } from '@triage/core';

type Scalar = string | number | boolean;

/** One text box per rule: a list is comma-separated, a range is "min..max" with either side left open. */
export function formatRuleValue(rule: Pick<IcpRule, 'operator' | 'value'>): string {
  const value = rule.value as unknown;
  if (rule.operator === 'in' && Array.isArray(value)) return value.join(', ');
  if (rule.operator === 'range' && value && typeof value === 'object') {
    const { min, max } = value as { min?: number; max?: number };
    return `${min ?? ''}..${max ?? ''}`;
  }
  return String(value);
}

const scalarOf = (text: string): Scalar => {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
};

export type ParsedValue = { ok: true; value: IcpRule['value'] } | { ok: false; message: string };

export function parseRuleValue(operator: IcpOperator, text: string): ParsedValue {
  const t = text.trim();
  switch (operator) {
    case 'in': {
      const items = t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(scalarOf);
      return items.length ? { ok: true, value: items } : { ok: false, message: 'List at least one value' };
    }
    case 'range': {
      const match = t.match(/^\s*(-?[\d.]*)\s*\.\.\s*(-?[\d.]*)\s*$/);
      if (!match) return { ok: false, message: 'Write a range as min..max, e.g. 50..5000 or 10..' };
      const min = match[1] ? Number(match[1]) : undefined;
      const max = match[2] ? Number(match[2]) : undefined;
      if (min === undefined && max === undefined)
        return { ok: false, message: 'Give a minimum, a maximum or both' };
      if ((min !== undefined && Number.isNaN(min)) || (max !== undefined && Number.isNaN(max)))
        return { ok: false, message: 'Range ends must be numbers' };
      if (min !== undefined && max !== undefined && min > max)
        return { ok: false, message: 'The minimum is above the maximum' };
      return {
        ok: true,
        value: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
      };
    }
    case 'equals':
      return t ? { ok: true, value: scalarOf(t) } : { ok: false, message: 'Give a value' };
    case 'contains':
    case 'matches':
      return t ? { ok: true, value: t } : { ok: false, message: 'Give a value' };
  }
}
