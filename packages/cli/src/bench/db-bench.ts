import type { BenchResult } from './bench-result';
import type { BenchServer } from './bench-server';
import type { BenchDatabase } from './bench-target';

/** What a database bench gets: one open target with the app listening on it, and a shared fixture cache. */
export interface DbBenchSession {
  bench: BenchDatabase;
  server: BenchServer;
  quick: boolean;
  /** Progress lines for the person waiting (stderr), never part of the results. */
  log(line: string): void;
  /** Fixtures several benches share (the million hot leads), loaded once per target. */
  shared: Map<string, Promise<unknown>>;
}

export type DbBench = (session: DbBenchSession) => Promise<BenchResult[]>;

/** Loads a shared fixture once per session; later callers get the same promise. */
export function sharedFixture<T>(session: DbBenchSession, key: string, load: () => Promise<T>): Promise<T> {
  let entry = session.shared.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = load();
    session.shared.set(key, entry);
  }
  return entry;
}
