import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'triage.js');
const triage = (...args: string[]) => run('node', [BIN, 'signals', 'analyze', ...args], { timeout: 60_000 });

const TRANSCRIPT = `Priya: What budget are you working with?
Tom: About $40k, approved by our CFO. Reps re-key every order by hand.
Priya: Do you need it soon?
Tom: By the end of Q1, yes.`;

describe('triage signals analyze', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-signals-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints evidence by framework criterion, flags, coaching and the talk ratio', async () => {
    const file = join(dir, 'call.txt');
    writeFileSync(file, TRANSCRIPT);
    const { stdout } = await triage(
      '--file',
      file,
      '--reference-date',
      '2026-11-22',
      '--framework',
      'bant',
      '--speaker',
      'Priya=rep',
    );
    expect(stdout).toContain('Evidence by BANT criterion');
    expect(stdout).toMatch(/Budget: met/);
    expect(stdout).toContain('40,000 USD');
    expect(stdout).toContain('2026-11-22 → 2027-03-31');
    expect(stdout).toMatch(/closed +"Do you need it soon\?"/);
    expect(stdout).toContain('try instead:');
    expect(stdout).toMatch(/Talk ratio: rep \d+%, prospect \d+%/);
  });

  it('prints the analysis as JSON with spans into the text', async () => {
    const text = 'We have no budget until next year. Reps waste hours in spreadsheets.';
    const { stdout } = await triage('--text', text, '--reference-date', '2027-02-10', '--json');
    const analysis = JSON.parse(stdout);
    expect(analysis.concepts.budget.status).toBe('not_met');
    expect(analysis.concepts.timeline.status).toBe('met');
    const timeline = analysis.evidence.find((item: { concept: string }) => item.concept === 'timeline');
    expect(timeline.value).toMatchObject({ start: '2028-01-01', end: '2028-12-31' });
    expect(text.slice(timeline.focus[0], timeline.focus[1])).toBe('until next year');
    expect(analysis.talkRatio).toBeNull();
  });

  it('refuses a bad framework or reference date with a message naming the option', async () => {
    await expect(triage('--text', 'hello', '--framework', 'nope')).rejects.toMatchObject({
      stderr: expect.stringContaining('--framework must be one of bant'),
    });
    await expect(triage('--text', 'hello', '--reference-date', '22/11/2026')).rejects.toMatchObject({
      stderr: expect.stringContaining('--reference-date must be YYYY-MM-DD'),
    });
    await expect(triage('--reference-date', '2026-11-22')).rejects.toMatchObject({
      stderr: expect.stringContaining('exactly one of --file or --text'),
    });
  });
});
