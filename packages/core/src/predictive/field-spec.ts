/** How a lead, account or activity field enters the model. 'date' fields become a numeric day count. */
export const FIELD_KINDS = ['categorical', 'numeric', 'boolean', 'multi', 'date'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export type FieldSpec = {
  name: string;
  kind: FieldKind;
  /** What a rep reads in an explanation ("Lead source"); defaults to the field name. */
  label?: string;
  /** Set only after the outcome is known (stage, verdict, close fields): never a feature. */
  postOutcome?: boolean;
};

/**
 * Field names that are only filled in once a lead is won, lost or disqualified. Training on them
 * gives a model that looks perfect in evaluation and is useless on open leads.
 */
export const LEAKY_FIELD_NAMES = [
  'stage',
  'lifecycle_stage',
  'deal_stage',
  'lead_status',
  'status',
  'outcome',
  'disqualification_reason',
  'disqualified_reason',
  'lost_reason',
  'won_reason',
  'owner_verdict',
  'closed_at',
  'closed_date',
  'close_date',
  'close_value',
  'won',
  'lost',
  'is_won',
  'is_closed',
  'converted_at',
  'probability',
  'forecast_category',
] as const;

/** Name parts that mark a post-outcome field wherever they appear ("Deal Stage", "Close Value", "Loss Reason"). */
const LEAKY_NAME_TOKENS = new Set([
  'stage',
  'status',
  'outcome',
  'verdict',
  'won',
  'lost',
  'loss',
  'close',
  'closed',
  'disqualified',
  'disqualification',
  'converted',
]);

export function normaliseFieldName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export type LeakageVerdict = { leaky: boolean; reason: string };

/** Whether a field may be set after the outcome, by explicit flag, known name or a telling name part. */
export function checkLeakage(field: Pick<FieldSpec, 'name' | 'postOutcome'>): LeakageVerdict {
  const normalised = normaliseFieldName(field.name);
  if ((LEAKY_FIELD_NAMES as readonly string[]).includes(normalised)) {
    return { leaky: true, reason: `"${field.name}" is a known post-outcome field` };
  }
  const token = normalised.split('_').find((part) => LEAKY_NAME_TOKENS.has(part));
  if (token !== undefined) {
    return {
      leaky: true,
      reason: `"${field.name}" names an outcome ("${token}"), so it is set after the fact`,
    };
  }
  if (field.postOutcome === true) return { leaky: true, reason: 'marked as set after the outcome' };
  return { leaky: false, reason: '' };
}

export type FieldSelection = { features: FieldSpec[]; excluded: { name: string; reason: string }[] };

/** The leakage guard: keeps only fields that are known before the outcome. */
export function selectFeatureFields(fields: readonly FieldSpec[]): FieldSelection {
  const features: FieldSpec[] = [];
  const excluded: { name: string; reason: string }[] = [];
  for (const field of fields) {
    const verdict = checkLeakage(field);
    if (verdict.leaky) excluded.push({ name: field.name, reason: verdict.reason });
    else features.push(field);
  }
  return { features, excluded };
}

export function fieldSpecLabel(field: FieldSpec): string {
  return field.label ?? field.name;
}
