import { CONCEPTS, type Concept } from '../src/frameworks/concepts';
import { analyzeConversation } from '../src/signals';
import type { ConversationAnalysis } from '../src/signals/signal-types';
import type { ConversationFixture } from './fixtures/conversations';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface AccuracyReport {
  fixtures: number;
  concepts: Record<Concept, Counts>;
  budgets: Counts;
  dateRanges: { expected: number; correct: number; misses: string[] };
  roles: Counts;
  questions: { expected: number; found: number; correctKind: number; misses: string[] };
  signals: Record<string, Counts>;
  /** Per fixture, what went wrong (for the developer, not the README). */
  errors: string[];
}

/** Pain is scored as part of need: the labels say "need" for both. */
const SCORED_CONCEPTS = CONCEPTS.filter((concept) => concept !== 'pain');

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
export const precision = (c: Counts): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

function countSets(expected: string[], predicted: string[], counts: Counts): void {
  const want = new Set(expected);
  const got = new Set(predicted);
  for (const item of got)
    if (want.has(item)) counts.tp++;
    else counts.fp++;
  for (const item of want) if (!got.has(item)) counts.fn++;
}

/** Scores the analyzer against labelled fixtures: per-concept status, values, questions and signals. */
export function scoreFixtures(fixtures: ConversationFixture[]): AccuracyReport {
  const report: AccuracyReport = {
    fixtures: fixtures.length,
    concepts: Object.fromEntries(SCORED_CONCEPTS.map((c) => [c, empty()])) as Record<Concept, Counts>,
    budgets: empty(),
    dateRanges: { expected: 0, correct: 0, misses: [] },
    roles: empty(),
    questions: { expected: 0, found: 0, correctKind: 0, misses: [] },
    signals: {},
    errors: [],
  };
  for (const fixture of fixtures) {
    const analysis: ConversationAnalysis = analyzeConversation({
      text: fixture.text,
      referenceDate: fixture.referenceDate,
      ...(fixture.speakerMap ? { speakerMap: fixture.speakerMap } : {}),
    });
    const { expected } = fixture;

    for (const concept of SCORED_CONCEPTS) {
      const want = expected.concepts[concept] ?? 'unknown';
      const got = analysis.concepts[concept].status;
      const counts = report.concepts[concept];
      if (got !== 'unknown' && got === want) counts.tp++;
      if (got !== 'unknown' && got !== want) counts.fp++;
      if (want !== 'unknown' && got !== want) counts.fn++;
      if (got !== want) report.errors.push(`${fixture.id}: ${concept} expected ${want}, got ${got}`);
    }

    const moneyKey = (v: { min: number; max: number; currency: string | null }) =>
      `${v.min}-${v.max} ${v.currency}`;
    const budgetValues = analysis.evidence
      .filter((item) => item.concept === 'budget' && item.value?.kind === 'money')
      .map((item) => (item.value?.kind === 'money' ? moneyKey(item.value) : ''));
    if (expected.budgets) {
      countSets(expected.budgets.map(moneyKey), budgetValues, report.budgets);
    } else {
      report.budgets.fp += new Set(budgetValues).size;
    }
    const budgetMiss = (expected.budgets ?? []).map(moneyKey).filter((k) => !budgetValues.includes(k));
    const budgetExtra = budgetValues.filter((k) => !(expected.budgets ?? []).map(moneyKey).includes(k));
    if (budgetMiss.length || budgetExtra.length) {
      report.errors.push(`${fixture.id}: budgets missing [${budgetMiss}] extra [${budgetExtra}]`);
    }

    const ranges = analysis.evidence.flatMap((item) =>
      item.value?.kind === 'date_range' ? [item.value] : [],
    );
    for (const range of expected.dateRanges ?? []) {
      report.dateRanges.expected++;
      if (ranges.some((r) => r.start === range.start && r.end === range.end)) report.dateRanges.correct++;
      else report.dateRanges.misses.push(`${fixture.id}: "${range.phrase}" ${range.start}..${range.end}`);
    }

    countSets(
      expected.roles ?? [],
      analysis.roles.map((r) => r.role),
      report.roles,
    );
    const roleMiss = (expected.roles ?? []).filter((r) => !analysis.roles.some((m) => m.role === r));
    const roleExtra = [...new Set(analysis.roles.map((r) => r.role))].filter(
      (r) => !(expected.roles ?? []).includes(r),
    );
    if (roleMiss.length || roleExtra.length)
      report.errors.push(`${fixture.id}: roles missing [${roleMiss}] extra [${roleExtra}]`);

    for (const question of expected.questions ?? []) {
      report.questions.expected++;
      const found = analysis.questions.find((q) => q.text.startsWith(question.startsWith));
      if (!found) {
        report.questions.misses.push(`${fixture.id}: not found "${question.startsWith}"`);
        continue;
      }
      report.questions.found++;
      if (found.kind === question.kind) report.questions.correctKind++;
      else report.questions.misses.push(`${fixture.id}: "${found.text}" expected ${question.kind}`);
    }

    const kinds = new Set([
      ...(expected.redFlags ?? []),
      ...(expected.goodSigns ?? []),
      ...analysis.redFlags.map((s) => s.kind),
      ...analysis.goodSigns.map((s) => s.kind),
    ]);
    for (const kind of kinds) {
      const counts = report.signals[kind] ?? empty();
      report.signals[kind] = counts;
      const want = [...(expected.redFlags ?? []), ...(expected.goodSigns ?? [])].includes(kind);
      const got = [...analysis.redFlags, ...analysis.goodSigns].some((s) => s.kind === kind);
      if (want && got) counts.tp++;
      if (!want && got) counts.fp++;
      if (want && !got) counts.fn++;
      if (want !== got) report.errors.push(`${fixture.id}: signal ${kind} expected ${want}, got ${got}`);
    }
  }
  return report;
}

const pct = (n: number) => n.toFixed(2);

export function markdownTable(report: AccuracyReport, title: string): string {
  const lines = [
    `### ${title} (${report.fixtures} notes and transcripts)`,
    '',
    '| concept | precision | recall | support |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const [concept, counts] of Object.entries(report.concepts)) {
    const support = counts.tp + counts.fn;
    if (support === 0 && counts.fp === 0) continue;
    lines.push(`| ${concept} | ${pct(precision(counts))} | ${pct(recall(counts))} | ${support} |`);
  }
  lines.push(
    '',
    '| value / signal | precision | recall | support |',
    '| --- | ---: | ---: | ---: |',
    `| budget amounts | ${pct(precision(report.budgets))} | ${pct(recall(report.budgets))} | ${report.budgets.tp + report.budgets.fn} |`,
    `| roles named | ${pct(precision(report.roles))} | ${pct(recall(report.roles))} | ${report.roles.tp + report.roles.fn} |`,
  );
  for (const [kind, counts] of Object.entries(report.signals).sort()) {
    lines.push(
      `| signal: ${kind} | ${pct(precision(counts))} | ${pct(recall(counts))} | ${counts.tp + counts.fn} |`,
    );
  }
  const q = report.questions;
  lines.push(
    '',
    `Date ranges resolved correctly: ${report.dateRanges.correct} / ${report.dateRanges.expected}.`,
    `Questions found: ${q.found} / ${q.expected}; open/closed correct: ${q.correctKind} / ${q.found} (${pct(q.found ? q.correctKind / q.found : 1)}).`,
  );
  return lines.join('\n');
}
