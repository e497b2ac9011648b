import type {
  ErrorBody,
  LeadSetSummaryView,
  PolicyReplaySummaryView,
  PolicySimulationView,
  SimulationExampleView,
} from '@triage/contracts';
import { STAGE_LABELS, type Stage } from '@triage/core';
import { formatHours } from './format';

/** The look-back periods the Settings screen offers for a preview, in days. */
export const PREVIEW_PERIODS = [30, 90, 180, 365] as const;
export type PreviewPeriod = (typeof PREVIEW_PERIODS)[number];

const DAY_MS = 86_400_000;
const MINUS = '\u2212';

/** The `from` of a "last N days" preview: N days before `now`, to the millisecond (`to` is left to the server). */
export const previewFrom = (days: PreviewPeriod, now: number): string =>
  new Date(now - days * DAY_MS).toISOString();

const count = (n: number) => n.toLocaleString('en');

/** A share as a whole percentage ("57%"); a small non-zero share is "<1%" rather than a misleading 0%. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const whole = Math.round(rate * 100);
  return whole === 0 && rate > 0 ? '<1%' : `${whole}%`;
}

const signed = (value: number, text: string) => `${value > 0 ? '+' : MINUS}${text}`;

/** The draft's count against the live one: "+21 (+18%)", "−4 (−3%)", "same". */
export function formatCountDelta(live: number, draft: number): string {
  const change = draft - live;
  if (change === 0) return 'same';
  const relative =
    live === 0 ? '' : ` (${signed(change, `${Math.round((Math.abs(change) / live) * 100)}%`)})`;
  return `${signed(change, count(Math.abs(change)))}${relative}`;
}

/** The difference of two shares in percentage points: "+3.1 pts", "−12 pts", "same"; "—" when either is unknown. */
export function formatRateDelta(live: number | null, draft: number | null): string {
  if (live === null || draft === null) return '—';
  const points = Math.round((draft - live) * 1000) / 10;
  if (points === 0) return 'same';
  const size = Math.abs(points);
  return signed(points, `${size} ${size === 1 ? 'pt' : 'pts'}`);
}

/** The difference of two median times: "−1.5 d" is faster, "+3 h" slower; "—" when either is unknown. */
export function formatHoursDelta(live: number | null, draft: number | null): string {
  if (live === null || draft === null) return '—';
  const change = draft - live;
  if (Math.abs(change) < 0.05) return 'same';
  return signed(change, formatHours(Math.abs(change)));
}

/** Whether a change is good news: more leads reaching sales is, a longer wait to qualify is not. */
export type ChangeTone = 'better' | 'worse' | 'neutral';

export interface ImpactRow {
  label: string;
  live: string;
  draft: string;
  change: string;
  tone: ChangeTone;
  /** A part of the row above it (the MQL/PQL/CQL split). */
  sub?: true;
}

const toneOf = (change: number | null, higherIsBetter: boolean): ChangeTone => {
  if (change === null || Math.abs(change) < 1e-9) return 'neutral';
  return change > 0 === higherIsBetter ? 'better' : 'worse';
};

const MILESTONES = [
  { key: 'sal', count: 'reachedSal', label: 'Reached SAL' },
  { key: 'sql', count: 'reachedSql', label: 'Reached SQL' },
  { key: 'opportunity', count: 'reachedOpportunity', label: 'Reached opportunity' },
  { key: 'customer', count: 'customers', label: 'Became customers' },
] as const;

const rateWithCount = (set: LeadSetSummaryView, milestone: (typeof MILESTONES)[number]) =>
  set.leads === 0 ? '—' : `${formatRate(set.rates[milestone.key])} (${count(set.outcomes[milestone.count])})`;

/** The live-vs-draft table: who qualifies, how far those leads really went, and how fast they qualified. */
export function impactRows(live: PolicyReplaySummaryView, draft: PolicyReplaySummaryView): ImpactRow[] {
  const rows: ImpactRow[] = [
    {
      label: 'Qualified leads',
      live: count(live.leads),
      draft: count(draft.leads),
      change: formatCountDelta(live.leads, draft.leads),
      tone: 'neutral',
    },
  ];
  for (const stage of ['mql', 'pql', 'cql'] as const)
    rows.push({
      label: `as ${stage.toUpperCase()}`,
      live: count(live.byStage[stage]),
      draft: count(draft.byStage[stage]),
      change: formatCountDelta(live.byStage[stage], draft.byStage[stage]),
      tone: 'neutral',
      sub: true,
    });
  for (const milestone of MILESTONES) {
    const [a, b] = [live.rates[milestone.key], draft.rates[milestone.key]];
    rows.push({
      label: milestone.label,
      live: rateWithCount(live, milestone),
      draft: rateWithCount(draft, milestone),
      change: formatRateDelta(a, b),
      tone: toneOf(a === null || b === null ? null : b - a, true),
    });
  }
  const [a, b] = [live.medianHoursToQualify, draft.medianHoursToQualify];
  rows.push({
    label: 'Median time to qualify',
    live: formatHours(a),
    draft: formatHours(b),
    change: formatHoursDelta(a, b),
    tone:
      formatHoursDelta(a, b) === 'same' ? 'neutral' : toneOf(a === null || b === null ? null : b - a, false),
  });
  rows.push({
    label: 'Knocked out at creation',
    live: count(live.knockedOut),
    draft: count(draft.knockedOut),
    change: formatCountDelta(live.knockedOut, draft.knockedOut),
    tone: 'neutral',
  });
  return rows;
}

export type ImpactVerdict =
  | { kind: 'no_leads'; headline: string }
  | { kind: 'same'; headline: string }
  | { kind: 'changed'; headline: string };

/** The one-line answer: nothing to replay, the same leads, or how many more and fewer. */
export function impactVerdict(simulation: PolicySimulationView): ImpactVerdict {
  const { gained, lost, replayed } = simulation;
  if (replayed.leads === 0)
    return {
      kind: 'no_leads',
      headline: 'No leads were created in this period: there is nothing to replay.',
    };
  if (gained.leads === 0 && lost.leads === 0)
    return { kind: 'same', headline: 'This draft qualifies the same leads as the live policy.' };
  const parts = [
    gained.leads ? `${count(gained.leads)} more ${plural(gained.leads, 'lead')} would qualify` : null,
    lost.leads
      ? `${count(lost.leads)} ${gained.leads ? '' : `${plural(lost.leads, 'lead')} `}would no longer qualify`
      : null,
  ].filter((part): part is string => part !== null);
  const totals = `${count(simulation.draft.leads)} instead of ${count(simulation.current.leads)}`;
  return { kind: 'changed', headline: `${capitalise(parts.join(' and '))}: ${totals} in all.` };
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What the leads only one policy qualifies really did, against the leads both qualify: "21 more leads would
 * qualify; 2 of them reached SAL (10%) against 57% of the leads both policies qualify."
 */
export function changedSetSentence(
  kind: 'gained' | 'lost',
  set: LeadSetSummaryView,
  both: LeadSetSummaryView,
): string {
  const n = set.leads;
  const head =
    kind === 'gained'
      ? `${count(n)} more ${plural(n, 'lead')} would qualify`
      : `${count(n)} ${plural(n, 'lead')} would no longer qualify`;
  if (n === 0) return kind === 'gained' ? 'No more leads would qualify.' : 'No lead would stop qualifying.';
  const reached = set.outcomes.reachedSal;
  const what =
    n === 1
      ? reached
        ? 'it reached SAL'
        : 'it never reached SAL'
      : `${count(reached)} of them reached SAL (${formatRate(set.rates.sal)})`;
  const against =
    both.rates.sal === null
      ? ''
      : ` against ${formatRate(both.rates.sal)} of the leads both policies qualify`;
  return `${head}; ${what}${n === 1 && against ? ',' : ''}${against}.`;
}

/** The rest of the set's real outcomes in one line: the later milestones, then where the others stand today. */
export function setOutcomesLine(set: LeadSetSummaryView): string {
  const { outcomes, rates } = set;
  const later = `Reached SQL: ${count(outcomes.reachedSql)} (${formatRate(rates.sql)}), opportunity: ${count(
    outcomes.reachedOpportunity,
  )} (${formatRate(rates.opportunity)}), customer: ${count(outcomes.customers)} (${formatRate(rates.customer)}).`;
  const today = [
    outcomes.open ? `${count(outcomes.open)} open` : null,
    outcomes.nurture ? `${count(outcomes.nurture)} in nurture` : null,
    outcomes.disqualified ? `${count(outcomes.disqualified)} disqualified` : null,
  ].filter((part): part is string => part !== null);
  return today.length ? `${later} Today: ${today.join(', ')}.` : later;
}

const SHORT: Record<'sal' | 'sql' | 'opportunity' | 'customer', string> = {
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'opportunity',
  customer: 'customer',
};

/** Where an example lead really ended up: "Customer", "Reached SQL, then disqualified", "Open, at Lead". */
export function exampleOutcome(outcome: SimulationExampleView['outcome']): string {
  const now = STAGE_LABELS[outcome.stage as Stage] ?? outcome.stage;
  if (outcome.state === 'customer') return 'Became a customer';
  if (outcome.furthest === null) {
    if (outcome.state === 'disqualified') return `${now} before SAL`;
    if (outcome.state === 'nurture') return 'In nurture, never reached SAL';
    return `Open, at ${now}`;
  }
  const reached = `Reached ${SHORT[outcome.furthest]}`;
  if (outcome.state === 'disqualified') return `${reached}, then ${now.toLowerCase()}`;
  if (outcome.state === 'nurture') return `${reached}, now in nurture`;
  return outcome.stage === outcome.furthest ? `${reached}, still open` : `${reached}, now at ${now}`;
}

/** What was replayed, for the small print: the period, the leads and events, the live version compared with. */
export function replayedLine(
  replayed: PolicySimulationView['replayed'],
  days: number,
  timeZone?: string,
): string {
  const date = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  });
  const period = `${date.format(new Date(replayed.from))} – ${date.format(new Date(replayed.to))}`;
  const left =
    replayed.notReplayable > 0
      ? ` ${count(replayed.notReplayable)} of them were created past qualification (imported further on) and count under neither.`
      : '';
  return `Last ${days} days (${period}): ${count(replayed.leads)} ${plural(replayed.leads, 'lead')} and ${count(
    replayed.events,
  )} ${plural(replayed.events, 'event')} replayed against live version ${replayed.currentVersion}.${left}`;
}

/**
 * A refused request's problems, one line each, as the Settings screen lists them: a policy field by its path
 * ("lifecycle.mql.minFit: …"), the period by name, the message alone when the server named no field.
 */
export function requestProblems(body: ErrorBody): string[] {
  if (!body.issues?.length) return [body.message];
  return body.issues.map((issue) => {
    if (issue.pointer.startsWith('/policy/'))
      return `${issue.pointer.slice('/policy/'.length).replaceAll('/', '.')}: ${issue.message}`;
    if (issue.pointer === '/from' || issue.pointer === '/to') return `Period: ${issue.message}`;
    const field = issue.pointer.replace(/^\//, '').replaceAll('/', '.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
}
