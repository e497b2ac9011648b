import type { IcpRule, IcpSubject } from '../policy/icp-rule';

/** How many leads carry one attribute value, and how many of those became customers. */
export interface AttributeValueCount {
  subject: IcpSubject;
  field: string;
  /** A text value, or a numeric band (employees) as a range. */
  value: string | { min?: number; max?: number };
  /** The value as a person reads it ("51–200" for a band). */
  label: string;
  leads: number;
  won: number;
}

export interface IcpInsight extends AttributeValueCount {
  /** This value's customer rate ÷ the rate over all leads: 2 means twice as likely to become a customer. */
  lift: number;
  rate: number;
  /** 95% Wilson interval of the rate: a value is called only when the interval clears the overall rate. */
  low: number;
  high: number;
  verdict: 'over' | 'under';
  /** An ICP rule that would score the value by its lift; the workspace decides whether to add it. */
  rule: IcpRule;
}

export interface IcpInsights {
  leads: number;
  won: number;
  baseRate: number;
  /** False when there are too few customers to say anything; `reason` says what is missing. */
  enough: boolean;
  reason?: string;
  insights: IcpInsight[];
}

/** Below this many customers the rates of single values are noise. */
export const MIN_CUSTOMERS_FOR_INSIGHTS = 10;
/** Values seen on fewer leads are left out, however striking their rate. */
export const MIN_LEADS_PER_VALUE = 10;
const Z95 = 1.96;

/** Wilson score interval: unlike the plain share, it stays honest for small counts. */
export function wilsonInterval(successes: number, trials: number, z = Z95): { low: number; high: number } {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const denominator = 1 + z2 / trials;
  return {
    low: Math.max(0, (centre - spread) / denominator),
    high: Math.min(1, (centre + spread) / denominator),
  };
}

/** Ten points per doubling of the customer rate, capped, never zero: the size of a rule a person would write. */
function proposedWeight(lift: number): number {
  const points = Math.round(10 * Math.log2(Math.max(lift, 1e-3)));
  const capped = Math.max(-25, Math.min(25, points));
  return capped === 0 ? Math.sign(Math.log2(lift)) || 1 : capped;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'value';

function proposedRule(count: AttributeValueCount, lift: number): IcpRule {
  const base = {
    id: `suggested-${count.subject}-${slug(count.field)}-${slug(count.label)}`,
    label: `${count.field} ${count.label} (${lift.toFixed(1)}× the customer rate of all leads)`,
    subject: count.subject,
    field: count.field,
    weight: proposedWeight(lift),
  };
  return typeof count.value === 'string'
    ? { ...base, operator: 'equals', value: count.value }
    : {
        ...base,
        operator: 'range',
        value: {
          ...(count.value.min !== undefined ? { min: count.value.min } : {}),
          ...(count.value.max !== undefined ? { max: count.value.max } : {}),
        },
      };
}

/**
 * Checks the ICP against reality: which attribute values are over- or under-represented among the leads that
 * became customers, compared with all leads, and the rule each would suggest. A value is reported only when its
 * customer rate's 95% interval lies wholly above (or below) the overall rate, on enough leads.
 */
export function icpInsights(
  counts: readonly AttributeValueCount[],
  totals: { leads: number; won: number },
): IcpInsights {
  const baseRate = totals.leads > 0 ? totals.won / totals.leads : 0;
  const summary = { leads: totals.leads, won: totals.won, baseRate };
  if (totals.won < MIN_CUSTOMERS_FOR_INSIGHTS)
    return {
      ...summary,
      enough: false,
      reason: `${totals.won} customers so far; at least ${MIN_CUSTOMERS_FOR_INSIGHTS} are needed before the rates of single values mean anything`,
      insights: [],
    };
  const insights: IcpInsight[] = [];
  for (const count of counts) {
    if (count.leads < MIN_LEADS_PER_VALUE || count.leads === totals.leads) continue;
    const rate = count.won / count.leads;
    const { low, high } = wilsonInterval(count.won, count.leads);
    const verdict = low > baseRate ? 'over' : high < baseRate ? 'under' : undefined;
    if (!verdict) continue;
    const lift = rate / baseRate;
    insights.push({ ...count, lift, rate, low, high, verdict, rule: proposedRule(count, lift) });
  }
  // Strongest first, either way: a value that halves the rate matters as much as one that doubles it.
  insights.sort((a, b) => Math.abs(Math.log(b.lift || 1e-3)) - Math.abs(Math.log(a.lift || 1e-3)));
  return { ...summary, enough: true, insights };
}
