import { availableParallelism, cpus } from 'node:os';
import type { Command } from 'commander';
import { formatBenchMarkdown, formatBenchTable } from '../bench/bench-format';
import { DB_TARGETS, type DbTarget } from '../bench/bench-target';
import { BENCH_NAMES, runBenches } from '../bench/run-benches';

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function parseTargets(value: string): DbTarget[] {
  const targets = list(value);
  for (const target of targets)
    if (!(DB_TARGETS as readonly string[]).includes(target))
      throw new Error(`--targets: unknown target "${target}" (known: ${DB_TARGETS.join(', ')})`);
  return targets as DbTarget[];
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description(
      'Measure throughput and latency (engagement updates, event ingestion, hot list, re-scoring, import) on PGlite and PostgreSQL',
    )
    .option('--json', 'print the results as JSON (for machines)')
    .option('--markdown', 'print the results as a Markdown table (for the README)')
    .option('--quick', 'small sizes: a smoke test that the benches run, not a measurement')
    .option(
      '--targets <list>',
      `database targets, comma-separated (${DB_TARGETS.join(', ')})`,
      'pglite,postgres',
    )
    .option('--only <list>', `run only these benches (${BENCH_NAMES.join(', ')})`, '')
    .action(
      async (flags: {
        json?: boolean;
        markdown?: boolean;
        quick?: boolean;
        targets: string;
        only: string;
      }) => {
        const results = await runBenches({
          quick: flags.quick ?? false,
          targets: parseTargets(flags.targets),
          only: list(flags.only),
          log: (line) => process.stderr.write(`${line}\n`),
        });
        if (flags.json) {
          const machine = {
            cpus: availableParallelism(),
            cpu: cpus()[0]?.model ?? 'unknown',
            node: process.version,
          };
          const output = { date: new Date().toISOString(), machine, results };
          process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
        } else if (flags.markdown) process.stdout.write(formatBenchMarkdown(results));
        else process.stdout.write(formatBenchTable(results));
      },
    );
}
