import { DEFAULT_POLICY, halfLifeMs } from '@triage/core';
import { type BenchTenant, createBenchTenant } from './bench-server';
import { grouped } from './bench-stats';
import { type DbBenchSession, sharedFixture } from './db-bench';
import { loadLeadFixture } from './lead-fixture';

export interface HotLeadsFixture {
  tenant: BenchTenant;
  leads: number;
  /** "1,000,000 leads": every row that measures on this fixture says its size. */
  label: string;
}

/**
 * The million-lead tenant the hot-list and re-score benches share. PGlite gets a tenth of it in a full run:
 * a million leads there needs 1–2 GB of WASM memory and a long load, which is not how PGlite is meant to be
 * used (one process for a small team); rows measured on it say the size they used.
 */
export const HOT_LEADS = { postgres: 1_000_000, pglite: 100_000, quick: 5_000 } as const;

export function hotLeadsFixture(session: DbBenchSession): Promise<HotLeadsFixture> {
  return sharedFixture(session, 'hot-leads', async () => {
    const leads = session.quick ? HOT_LEADS.quick : HOT_LEADS[session.bench.target];
    const tenant = await createBenchTenant(session.bench.database, 'Hot list bench');
    const began = performance.now();
    await loadLeadFixture(session.bench.database.db, tenant.tenantId, {
      count: leads,
      policyVersion: 1,
      heat: { now: Date.now(), halfLifeMs: halfLifeMs(DEFAULT_POLICY.engagement) },
      onProgress: (loaded) => session.log(`fixture: ${grouped(loaded)} of ${grouped(leads)} leads`),
    });
    session.log(
      `fixture: ${grouped(leads)} leads loaded in ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
    return { tenant, leads, label: `${grouped(leads)} leads` };
  });
}
