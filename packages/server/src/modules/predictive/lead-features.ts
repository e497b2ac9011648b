import {
  CLOSED_STAGES,
  type EngagementEvent,
  type EngagementPolicy,
  emailDomainKind,
  engagementAt,
  type FieldSpec,
  inferFieldSpecs,
  isMissingValue,
  recomputeEngagement,
  type Stage,
} from '@triage/core';
import type { FitLeadFields } from '../scoring/fit-subject';

/*
 * What the predictive model learns from, and what it must never see.
 *
 * Outcome: a lead is WON when it reached `customer`; LOST when it ended `closed_lost` (a deal that did not
 * close) or `disqualified` (judged not worth pursuing). Both are "did not convert". Its current stage decides,
 * so a disqualified lead that was recycled is open again and not a training example.
 *
 * Leakage: a lead's activity is read as of its DECISION MOMENT, the first move into a hand-off or closing stage
 * (sal, sql, opportunity, customer, closed_lost, disqualified) since it last (re)entered an early stage. After
 * that instant sales is working the lead (meetings, replies) or it is closed, so that activity is caused by the
 * outcome rather than predicting it. Open leads that have not reached that moment are read up to now; open
 * leads already handed off (sal/sql/opportunity) are read up to their hand-off too, so they are scored the way
 * the model was trained. Stage, owner, disqualification reason and close dates never enter a feature row.
 */

export const WON_STAGES = ['customer'] as const satisfies readonly Stage[];
export const LOST_STAGES = ['closed_lost', 'disqualified'] as const satisfies readonly Stage[];
/** Stages a lead (re)enters before anyone decides about it. */
export const EARLY_STAGES = [
  'subscriber',
  'lead',
  'mql',
  'pql',
  'cql',
  'nurture',
] as const satisfies readonly Stage[];
/** Open stages in which sales works the lead: its activity is read up to its hand-off, not up to now. */
export const HANDED_OFF_STAGES = ['sal', 'sql', 'opportunity'] as const satisfies readonly Stage[];
/** Entering one of these fixes the decision moment. */
export const DECISION_STAGES = [...HANDED_OFF_STAGES, ...CLOSED_STAGES] as const;

export type Outcome = 'won' | 'lost' | 'open';

export function outcomeOf(stage: string): Outcome {
  if ((WON_STAGES as readonly string[]).includes(stage)) return 'won';
  if ((LOST_STAGES as readonly string[]).includes(stage)) return 'lost';
  return 'open';
}

export interface FeatureAccount {
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  country: string | null;
  technologies: string[] | null;
  custom: Record<string, unknown> | null;
}

export interface FeatureLead extends FitLeadFields {
  account: FeatureAccount | null;
}

const TITLE_STOP_WORDS = new Set(['of', 'and', 'the', 'for', 'at', 'to', 'in', 'a', 'an', '&']);

/** Lower-cased words of a job title ("VP of Sales, EMEA" → vp, sales, emea). */
export function titleWords(title: string | null): string[] {
  if (!title) return [];
  const words = title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !TITLE_STOP_WORDS.has(word));
  return [...new Set(words)];
}

const activityField = (type: string) => `activity.${type}`;
export const ENGAGEMENT_FIELD = 'activity.engagement';

/**
 * One lead as the model reads it: its own and its account's attributes, plus activity counts per event type
 * and decayed engagement as of `decisionAt` (events after it are ignored).
 */
export function leadFeatureRow(
  lead: FeatureLead,
  events: readonly EngagementEvent[],
  decisionAt: number,
  engagement: EngagementPolicy,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    'lead.source': lead.source,
    'lead.country': lead.country,
    'lead.seniority': lead.seniority,
    'lead.department': lead.department,
    'lead.title_words': titleWords(lead.title),
    'lead.email_kind': emailDomainKind(lead.email),
  };
  for (const [key, value] of Object.entries(lead.custom ?? {})) row[`lead.custom.${key}`] = value;
  const account = lead.account;
  row['account.industry'] = account?.industry ?? null;
  row['account.employees'] = account?.employees ?? null;
  row['account.annual_revenue'] = account?.annualRevenue ?? null;
  row['account.country'] = account?.country ?? null;
  row['account.technologies'] = account?.technologies ?? [];
  for (const [key, value] of Object.entries(account?.custom ?? {})) row[`account.custom.${key}`] = value;

  const before = events.filter((event) => event.occurredAt <= decisionAt);
  for (const type of Object.keys(engagement.eventTypes)) row[activityField(type)] = 0;
  for (const event of before) {
    const name = activityField(event.type);
    if (name in row) row[name] = (row[name] as number) + 1;
  }
  const state = recomputeEngagement(before, engagement, { asOf: decisionAt }).state;
  row[ENGAGEMENT_FIELD] = Math.round(engagementAt(state, decisionAt, engagement) * 100) / 100;
  return row;
}

/** The fields every workspace has, with the kind and the label a rep reads in an explanation. */
export function builtInFieldSpecs(engagement: EngagementPolicy): FieldSpec[] {
  return [
    { name: 'lead.source', kind: 'categorical', label: 'Lead source' },
    { name: 'lead.country', kind: 'categorical', label: 'Country' },
    { name: 'lead.seniority', kind: 'categorical', label: 'Seniority' },
    { name: 'lead.department', kind: 'categorical', label: 'Department' },
    { name: 'lead.title_words', kind: 'multi', label: 'Job title' },
    { name: 'lead.email_kind', kind: 'categorical', label: 'Email domain' },
    { name: 'account.industry', kind: 'categorical', label: 'Industry' },
    { name: 'account.employees', kind: 'numeric', label: 'Employees' },
    { name: 'account.annual_revenue', kind: 'numeric', label: 'Annual revenue' },
    { name: 'account.country', kind: 'categorical', label: 'Company country' },
    { name: 'account.technologies', kind: 'multi', label: 'Technologies' },
    ...Object.entries(engagement.eventTypes).map(
      ([type, policy]): FieldSpec => ({
        name: activityField(type),
        kind: 'numeric',
        label: policy.label ?? type.replaceAll('_', ' '),
      }),
    ),
    { name: ENGAGEMENT_FIELD, kind: 'numeric', label: 'Engagement before hand-off' },
  ];
}

export interface FieldChoice {
  fields: FieldSpec[];
  /** Fields not offered to the model, and why (no variation, left out by the workspace). */
  skipped: { name: string; reason: string }[];
}

export interface PredictiveFieldSettings {
  /** When set, only these field names are used. */
  fields: string[] | null;
  /** Never used. */
  excluded: string[];
}

function varies(rows: readonly Record<string, unknown>[], name: string): boolean {
  const seen = new Set<string>();
  let missing = false;
  for (const row of rows) {
    const value = row[name];
    if (isMissingValue(value)) missing = true;
    else seen.add(JSON.stringify(value));
    if (seen.size > 1 || (seen.size === 1 && missing)) return true;
  }
  return false;
}

/**
 * The fields offered for training: built-ins with known kinds, custom fields typed from the data, minus
 * columns without variation and the workspace's own choices. The leakage guard runs after this, in core.
 */
export function chooseFeatureFields(
  rows: readonly Record<string, unknown>[],
  engagement: EngagementPolicy,
  settings: PredictiveFieldSettings,
): FieldChoice {
  const builtIn = builtInFieldSpecs(engagement);
  const builtInNames = new Set(builtIn.map((field) => field.name));
  const custom = inferFieldSpecs(rows, { exclude: [...builtInNames] });
  const customFields = custom.fields.map(
    (field): FieldSpec => ({
      ...field,
      label: field.name.startsWith('account.custom.')
        ? `Company ${field.name.slice('account.custom.'.length)}`
        : field.name.slice('lead.custom.'.length),
    }),
  );
  const skipped = custom.dropped.map((d) => ({ name: d.name, reason: d.reason }));
  const fields: FieldSpec[] = [];
  const allowed = settings.fields ? new Set(settings.fields) : null;
  const excluded = new Set(settings.excluded);
  for (const field of [...builtIn, ...customFields]) {
    if (excluded.has(field.name)) skipped.push({ name: field.name, reason: 'left out in the settings' });
    else if (allowed && !allowed.has(field.name))
      skipped.push({ name: field.name, reason: 'not in the settings field list' });
    else if (builtInNames.has(field.name) && !varies(rows, field.name))
      skipped.push({ name: field.name, reason: 'the same on every lead' });
    else fields.push(field);
  }
  return { fields, skipped };
}
