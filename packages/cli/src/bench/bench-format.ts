import type { BenchResult } from './bench-result';
import { grouped } from './bench-stats';

const COLUMNS = ['benchmark', 'target', 'measured', 'goal', 'ok?'] as const;

const verdict = (result: BenchResult): string =>
  result.meetsGoal === undefined ? '' : result.meetsGoal ? 'yes' : 'NO';

function measured(result: BenchResult): string {
  const digits = Math.abs(result.value) < 10 ? 2 : Math.abs(result.value) < 100 ? 1 : 0;
  return `${grouped(result.value, digits)} ${result.unit}`;
}

function cells(result: BenchResult): string[] {
  return [result.name, result.target, measured(result), result.goal ?? '', verdict(result)];
}

/** A plain-text table for a terminal, with each result's detail indented under its line. */
export function formatBenchTable(results: readonly BenchResult[]): string {
  const rows = results.map(cells);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  ')];
  results.forEach((result, i) => {
    out.push(line(rows[i]!));
    if (result.detail) out.push(`    ${result.detail}`);
  });
  return `${out.join('\n')}\n`;
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

/** The same results as a Markdown table (for the README and release notes), details in the last column. */
export function formatBenchMarkdown(results: readonly BenchResult[]): string {
  const header = [...COLUMNS, 'detail'];
  const out = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const result of results) {
    out.push(`| ${[...cells(result), result.detail ?? ''].map(escapeCell).join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}
