/** Lifecycle stages of a lead, from first contact to a customer or a closed door. */
export const STAGES = [
  'subscriber',
  'lead',
  'mql',
  'pql',
  'cql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'disqualified',
  'nurture',
  'closed_lost',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'Marketing-qualified (MQL)',
  pql: 'Product-qualified (PQL)',
  cql: 'Conversion-qualified (CQL)',
  sal: 'Sales-accepted (SAL)',
  sql: 'Sales-qualified (SQL)',
  opportunity: 'Opportunity',
  customer: 'Customer',
  disqualified: 'Disqualified',
  nurture: 'Nurture',
  closed_lost: 'Closed – lost',
};

/** Stages a lead does not leave on its own: won, or let go. The hot list and open-lead counts leave them out. */
export const CLOSED_STAGES = ['customer', 'disqualified', 'closed_lost'] as const satisfies readonly Stage[];
/** Every other stage, in lifecycle order. */
export const OPEN_STAGES: readonly Stage[] = STAGES.filter(
  (stage) => !(CLOSED_STAGES as readonly Stage[]).includes(stage),
);

/** The three parallel ways into sales' hands: score (MQL), product use (PQL), a site conversion (CQL). */
export const QUALIFIED_ENTRY_STAGES = ['mql', 'pql', 'cql'] as const satisfies readonly Stage[];

export const DISQUALIFICATION_REASONS = [
  'no_budget',
  'no_authority',
  'no_need',
  'bad_timing',
  'not_icp',
  'competitor',
  'unresponsive',
  'duplicate',
  'other',
] as const;
export type DisqualificationReason = (typeof DISQUALIFICATION_REASONS)[number];

export const DISQUALIFICATION_REASON_LABELS: Record<DisqualificationReason, string> = {
  no_budget: 'No money set aside for this',
  no_authority: 'Cannot reach the people who decide',
  no_need: 'No problem we solve',
  bad_timing: 'Not a priority in the coming months',
  not_icp: 'Outside our ideal customer profile',
  competitor: 'Works for a competitor',
  unresponsive: 'Stopped responding',
  duplicate: 'Duplicate of another lead',
  other: 'Other (see note)',
};
