import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'triage.js');
const folder = mkdtempSync(join(tmpdir(), 'triage-model-eval-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A lead export: an id, a strong source signal, a numeric signal with thousands separators, a leaky stage column. */
function writeLeads(name: string, delimiter: string, rows = 600): string {
  let seed = 17;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const lines = [['Lead ID', 'Source', 'Employees', 'Newsletter', 'Stage', 'Outcome'].join(delimiter)];
  for (let i = 0; i < rows; i++) {
    const source = ['Referral', 'Ads', 'Web', 'Select'][Math.floor(random() * 4)]!;
    const employees = Math.floor(random() * 5000);
    const z = (source === 'Referral' ? 1.5 : source === 'Ads' ? -1.5 : 0) + (employees - 2500) / 1200;
    const won = random() < 1 / (1 + Math.exp(-z));
    const outcome = i % 50 === 0 ? '' : won ? 'Won' : i % 2 === 0 ? 'Lost' : 'Disqualified';
    const size =
      delimiter === ',' ? `"${employees.toLocaleString('en-US')}"` : employees.toLocaleString('en-US');
    lines.push(
      [`L-${10_000 + i}`, source, size, random() < 0.5 ? 'Yes' : 'No', won ? 'Closed' : 'Open', outcome].join(
        delimiter,
      ),
    );
  }
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

async function evaluate(args: string[]) {
  const { stdout } = await run(process.execPath, [bin, 'model', 'eval', ...args], { maxBuffer: 10_000_000 });
  return stdout;
}

describe('triage model eval', () => {
  const csv = writeLeads('leads.csv', ',');

  it('prints one JSON object comparing the model with naive Bayes on the test rows', async () => {
    const report = JSON.parse(
      await evaluate(['--csv', csv, '--target', 'Outcome', '--positive', 'Won', '--seed', '42', '--json']),
    );
    expect(report.rows).toMatchObject({ total: 600, skipped: 12, train: 470, test: 118 });
    expect(report.chosen.metrics.rocAuc).toBeGreaterThan(0.75);
    expect(report.chosen.metrics.logLoss).toBeLessThan(report.baseRateLogLoss);
    expect(report.naiveBayes.metrics.rocAuc).toBeGreaterThan(0.5);
    expect(report.chosen.reliability).toHaveLength(10);
    const fields = report.fields.map((field: { name: string }) => field.name);
    expect(fields).toEqual(expect.arrayContaining(['Source', 'Employees', 'Newsletter']));
    expect(fields).not.toContain('Lead ID');
    expect(fields).not.toContain('Stage');
    expect(report.excluded.map((field: { name: string }) => field.name)).toEqual(['Stage']);
  });

  it('is reproducible for a seed and honours --exclude and --negative', async () => {
    const args = ['--csv', csv, '--target', 'Outcome', '--positive', 'Won', '--json'];
    const first = JSON.parse(await evaluate([...args, '--exclude', 'Newsletter']));
    const second = JSON.parse(await evaluate([...args, '--exclude', 'Newsletter']));
    expect(first.chosen.metrics).toEqual(second.chosen.metrics);
    expect(first.fields.map((field: { name: string }) => field.name)).not.toContain('Newsletter');
    const lostOnly = JSON.parse(await evaluate([...args, '--negative', 'Lost']));
    expect(lostOnly.rows.train + lostOnly.rows.test).toBeLessThan(first.rows.train + first.rows.test);
  });

  it('keeps file order with --split ordered and reads other delimiters', async () => {
    const semicolons = writeLeads('leads-semicolon.csv', ';');
    const report = JSON.parse(
      await evaluate([
        '--csv',
        semicolons,
        '--delimiter',
        ';',
        '--target',
        'Outcome',
        '--positive',
        'Won',
        '--split',
        'ordered',
        '--test-fraction',
        '0.25',
        '--json',
      ]),
    );
    expect(report.split).toEqual({ split: 'ordered', seed: 42, testFraction: 0.25 });
    expect(report.rows.test).toBe(147);
    expect(report.fields.find((field: { name: string }) => field.name === 'Employees').kind).toBe('numeric');
  });

  it('prints a side-by-side table and the reliability table by default', async () => {
    const text = await evaluate(['--csv', csv, '--target', 'Outcome', '--positive', 'Won']);
    expect(text).toMatch(/ROC AUC\s+\d\.\d{4}\s+\d\.\d{4}/);
    expect(text).toMatch(/log-loss/);
    expect(text).toMatch(/naive Bayes/);
    expect(text).toMatch(/0\.9–1\.0/);
    expect(text).toMatch(/training time: \d+\.\d{2} s/);
  });

  it('names the missing target column in its error', async () => {
    await expect(evaluate(['--csv', csv, '--target', 'Converted', '--positive', '1'])).rejects.toMatchObject({
      stderr: expect.stringContaining('target column "Converted" is not in the file'),
    });
  });
});
