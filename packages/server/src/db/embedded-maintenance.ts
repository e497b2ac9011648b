import { sql } from 'drizzle-orm';
import type { Database } from './create-db';

const TABLES = ['leads', 'accounts', 'events', 'lead_scores', 'stage_transitions', 'assessments'];
const EVERY_MS = 5 * 60_000;

/**
 * PGlite runs PostgreSQL in single-user mode: there is no autovacuum, and its statistics counters stay at zero.
 * Without ANALYZE the planner believes every table is empty and sorts 10,000 leads where an index scan takes
 * 0.3 ms; without VACUUM every event's lead update leaves a dead row behind. The embedded server therefore does
 * autovacuum's job itself: once at start and every five minutes. A PostgreSQL server does it on its own.
 */
export function startEmbeddedMaintenance(database: Database, onError: (error: unknown) => void): () => void {
  if (database.kind !== 'pglite' || !database.pglite) return () => undefined;
  const pglite = database.pglite;
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= (async () => {
      try {
        for (const table of TABLES) await pglite.exec(`VACUUM (ANALYZE) ${table}`);
      } catch (error) {
        onError(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** After a bulk load the planner needs fresh statistics at once, not in five minutes. */
export async function refreshStatistics(database: Database): Promise<void> {
  if (database.kind === 'pglite' && database.pglite)
    await database.pglite.exec(`ANALYZE ${TABLES.join(', ')}`);
  else await database.db.execute(sql.raw(`ANALYZE ${TABLES.join(', ')}`));
}
