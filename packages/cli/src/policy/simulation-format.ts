import type {
  LeadSetSummaryView,
  PolicyReplaySummaryView,
  PolicySimulationView,
  SimulatedVerdict,
  SimulationExampleView,
} from '@triage/contracts';

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (rate: number | null): string => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);
const signed = (n: number): string => (n > 0 ? `+${count(n)}` : n < 0 ? `−${count(-n)}` : '0');
const hours = (h: number | null): string =>
  h === null ? '–' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
const withRate = (n: number, rate: number | null): string => `${count(n)} (${percent(rate)})`;

/** Columns: a label left-aligned, the numbers right-aligned under their headings. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('   ')
      .trimEnd(),
  );
}

function comparisonRows(current: PolicyReplaySummaryView, draft: PolicyReplaySummaryView): string[][] {
  const line = (label: string, pick: (s: PolicyReplaySummaryView) => number) => [
    label,
    count(pick(current)),
    count(pick(draft)),
    signed(pick(draft) - pick(current)),
  ];
  const milestone = (
    label: string,
    n: (s: PolicyReplaySummaryView) => number,
    r: (s: PolicyReplaySummaryView) => number | null,
  ) => [label, withRate(n(current), r(current)), withRate(n(draft), r(draft)), ''];
  return [
    ['', 'current', 'draft', 'change'],
    line('Qualified (MQL + PQL + CQL)', (s) => s.leads),
    line('  MQL', (s) => s.byStage.mql),
    line('  PQL', (s) => s.byStage.pql),
    line('  CQL', (s) => s.byStage.cql),
    line('  by fit and engagement', (s) => s.byRule.fitAndEngagement),
    line('  by a hand-raise', (s) => s.byRule.handRaiser),
    line('Knocked out at creation', (s) => s.knockedOut),
    ['Median time to qualify', hours(current.medianHoursToQualify), hours(draft.medianHoursToQualify), ''],
    ['Of the qualified, really:', '', '', ''],
    milestone(
      '  reached SAL',
      (s) => s.outcomes.reachedSal,
      (s) => s.rates.sal,
    ),
    milestone(
      '  reached SQL',
      (s) => s.outcomes.reachedSql,
      (s) => s.rates.sql,
    ),
    milestone(
      '  reached opportunity',
      (s) => s.outcomes.reachedOpportunity,
      (s) => s.rates.opportunity,
    ),
    milestone(
      '  became customers',
      (s) => s.outcomes.customers,
      (s) => s.rates.customer,
    ),
  ];
}

function setLine(title: string, set: LeadSetSummaryView): string {
  if (set.leads === 0) return `${title}: none`;
  const o = set.outcomes;
  return (
    `${title}: ${count(set.leads)} ${set.leads === 1 ? 'lead' : 'leads'} — reached SAL ${withRate(o.reachedSal, set.rates.sal)}, ` +
    `SQL ${withRate(o.reachedSql, set.rates.sql)}, customers ${count(o.customers)}; ` +
    `now ${count(o.disqualified)} disqualified, ${count(o.nurture)} in nurture, ${count(o.open)} open`
  );
}

const verdict = (v: SimulatedVerdict): string =>
  v.qualified
    ? `${v.stage.toUpperCase()} on ${v.at.slice(0, 10)} (${hours(v.hoursToQualify)} after creation). ${v.why}`
    : v.why;

function exampleLines(example: SimulationExampleView): string[] {
  const reached = example.outcome.furthest ? `reached ${example.outcome.furthest.toUpperCase()}, ` : '';
  return [
    `  ${example.email}  (created ${example.createdAt.slice(0, 10)}; ${reached}now ${example.outcome.stage})`,
    `    draft:   ${verdict(example.draft)}`,
    `    current: ${verdict(example.current)}`,
  ];
}

/** The comparison a person reads in a terminal: the two policies side by side, then who changes sides and why. */
export function formatPolicySimulation(result: PolicySimulationView): string {
  const r = result.replayed;
  const lines = [
    `Replayed ${count(r.leads)} leads created ${r.from.slice(0, 10)} to ${r.to.slice(0, 10)} (to excluded) and their ` +
      `${count(r.events)} events, under policy version ${r.currentVersion} (current) and the draft.`,
    `The recorded history, manual moves included, has ${count(r.recordedQualified)} of them entering MQL/PQL/CQL.` +
      (r.notReplayable > 0
        ? ` ${count(r.notReplayable)} were created past qualification and are not replayed.`
        : ''),
    '',
    ...alignColumns(comparisonRows(result.current, result.draft)),
    '',
    setLine('Qualified under both', result.both),
    setLine('Gained by the draft', result.gained),
    ...result.gained.examples.flatMap(exampleLines),
    setLine('Lost by the draft', result.lost),
    ...result.lost.examples.flatMap(exampleLines),
  ];
  return `${lines.join('\n')}\n`;
}
