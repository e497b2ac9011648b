import type { Bench, BenchResult } from './bench-result';
import { startBenchServer } from './bench-server';
import { type DbTarget, openBenchDatabase } from './bench-target';
import type { DbBench, DbBenchSession } from './db-bench';
import { benchEngagement } from './engagement.bench';
import { benchHotList } from './hot-list.bench';
import { benchImport } from './import.bench';
import { benchIngestion } from './ingestion.bench';
import { benchRescore } from './rescore.bench';
import { benchSignals } from './signals.bench';
import { benchTraining } from './training.bench';

/** Benches of pure computations: run once, target 'none'. */
const PURE_BENCHES = {
  engagement: benchEngagement,
  signals: benchSignals,
  training: benchTraining,
} satisfies Record<string, Bench>;

/** Benches that need a database: run once per target, in this order (later ones reuse earlier fixtures). */
const DB_BENCHES = {
  ingestion: benchIngestion,
  'hot-list': benchHotList,
  rescore: benchRescore,
  import: benchImport,
} satisfies Record<string, DbBench>;

export const BENCH_NAMES = [...Object.keys(PURE_BENCHES), ...Object.keys(DB_BENCHES)];

export interface RunBenchesOptions {
  quick: boolean;
  targets: DbTarget[];
  /** Bench names to run; all when empty. */
  only: string[];
  log(line: string): void;
}

export async function runBenches(options: RunBenchesOptions): Promise<BenchResult[]> {
  const unknown = options.only.filter((name) => !BENCH_NAMES.includes(name));
  if (unknown.length)
    throw new Error(`unknown bench ${unknown.join(', ')} (known: ${BENCH_NAMES.join(', ')})`);
  const wanted = (name: string) => options.only.length === 0 || options.only.includes(name);
  const results: BenchResult[] = [];
  for (const [name, bench] of Object.entries(PURE_BENCHES)) {
    if (!wanted(name)) continue;
    options.log(`${name}…`);
    results.push(...(await bench({ quick: options.quick })));
  }
  const dbBenches = Object.entries(DB_BENCHES).filter(([name]) => wanted(name));
  if (dbBenches.length === 0) return results;
  for (const target of options.targets) {
    options.log(`opening ${target}…`);
    const bench = await openBenchDatabase(target);
    const server = await startBenchServer(bench.database);
    const session: DbBenchSession = {
      bench,
      server,
      quick: options.quick,
      log: (line) => options.log(`[${target}] ${line}`),
      shared: new Map(),
    };
    try {
      for (const [name, run] of dbBenches) {
        session.log(`${name}…`);
        results.push(...(await run(session)));
      }
    } finally {
      await server.close();
      await bench.close();
    }
  }
  return results;
}
