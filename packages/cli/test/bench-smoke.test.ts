import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const triage = fileURLToPath(new URL('../bin/triage.js', import.meta.url));

interface Output {
  date: string;
  machine: { cpus: number; node: string };
  results: {
    name: string;
    target: string;
    value: number;
    unit: string;
    goal?: string;
    meetsGoal?: boolean;
    detail?: string;
  }[];
}

/** A smoke test of the bench harness: every bench runs at small sizes and reports well-formed rows. */
describe('triage bench --quick --json', () => {
  it('runs every bench on PGlite and prints one well-formed row per measurement', async () => {
    const { stdout } = await run(
      process.execPath,
      [triage, 'bench', '--quick', '--json', '--targets', 'pglite'],
      { timeout: 240_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, DATABASE_URL: '' } },
    );
    const output = JSON.parse(stdout) as Output;
    expect(Number.isNaN(Date.parse(output.date))).toBe(false);
    expect(output.machine.cpus).toBeGreaterThan(0);
    for (const row of output.results) {
      expect(row.name.length).toBeGreaterThan(0);
      expect(['pglite', 'none']).toContain(row.target);
      expect(Number.isFinite(row.value)).toBe(true);
      expect(row.value).toBeGreaterThan(0);
      expect(row.unit.length).toBeGreaterThan(0);
      if (row.meetsGoal !== undefined) expect(typeof row.meetsGoal).toBe('boolean');
      if (row.goal !== undefined) expect(row.goal.length).toBeGreaterThan(0);
    }
    const names = output.results.map((row) => row.name).join('\n');
    for (const expected of [
      'engagement updates',
      'event ingestion',
      'hot list',
      're-score',
      'CSV import',
      'conversation analysis',
    ])
      expect(names).toContain(expected);
  }, 300_000);

  it('refuses an unknown bench name and lists the known ones', async () => {
    const failure = await run(process.execPath, [triage, 'bench', '--quick', '--only', 'nope']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/unknown bench nope .*ingestion/);
  });
});
