import { sql } from 'drizzle-orm';
import type { Db } from './create-db';

/**
 * For the rest of the transaction, plans find rows through their keys: no sequential scans, no hash joins.
 *
 * Ingestion and re-scoring send batches of a few thousand keys against tables of millions of rows. PostgreSQL
 * chooses between an index probe per key and one scan of the whole tenant from its statistics, and those lag
 * behind a ledger that grows by thousands of rows a second (PGlite has no autovacuum to refresh them at all):
 * measured on a 100k-lead bench, it scanned every score row to lock 1,000 of them and every event of the tenant
 * to read back a few capped windows, costs that grow with the tenant instead of the batch. Key probes are the
 * right plan for these statements at any table size, so the transaction says so instead of hoping.
 */
export async function useKeyedPlans(db: Db): Promise<void> {
  // set_config(…, true) is `set local`, both in one round trip.
  await db.execute(
    sql`select set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true)`,
  );
}
