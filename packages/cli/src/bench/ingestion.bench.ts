import type { EventBatchResult } from '@triage/contracts';
import { DEFAULT_POLICY } from '@triage/core';
import { pickEventType, seededRandom } from './bench-random';
import type { BenchResult } from './bench-result';
import { callApi, createBenchTenant } from './bench-server';
import { grouped, ms, summarize } from './bench-stats';
import type { DbBench } from './db-bench';
import { fixtureLeads, loadLeadFixture } from './lead-fixture';

const BATCH = 1_000;
const DAY = 86_400_000;

interface IngestionSize {
  leads: number;
  batches: number;
  warmUp: number;
  clients: number;
}

const SIZES = {
  full: { leads: 100_000, batches: 300, warmUp: 10, clients: 4 },
  quick: { leads: 2_000, batches: 6, warmUp: 1, clients: 2 },
} satisfies Record<string, IngestionSize>;

const GOAL = { postgres: 50_000, pglite: 20_000 } as const;

/**
 * Event ingestion through POST /v1/events on the listening app: batches of 1,000 events (the mix in
 * bench-random.ts, 5% of them addressed by email instead of id), sent by a few concurrent keep-alive clients.
 * Every batch is stored, scored and run through the stage rules in one transaction before its answer, so the
 * throughput is of durable, scored events. Bodies are serialised before the clock starts.
 */
export const benchIngestion: DbBench = async (session) => {
  const size = session.quick ? SIZES.quick : SIZES.full;
  const { database, target } = session.bench;
  const tenant = await createBenchTenant(database, 'Ingestion bench');
  session.log(`ingestion: loading ${grouped(size.leads)} leads`);
  await loadLeadFixture(database.db, tenant.tenantId, { count: size.leads, policyVersion: 1 });
  const leads = await fixtureLeads(database.db, tenant.tenantId);

  const random = seededRandom(11);
  const now = Date.now();
  const body = (batch: number): string => {
    const events = Array.from({ length: BATCH }, (_, i) => {
      const lead = leads[Math.floor(random() * leads.length)]!;
      const type = pickEventType(random());
      return {
        id: `bench-${batch}-${i}`,
        ...(random() < 0.05 ? { email: lead.email } : { leadId: lead.id }),
        type,
        occurredAt: new Date(now - Math.floor(random() * 30 * DAY)).toISOString(),
        ...(type.endsWith('page_view') ? { properties: { path: '/pricing', referrer: 'search' } } : {}),
        ...(type.startsWith('email_') ? { properties: { campaign: 'autumn-webinar' } } : {}),
      };
    });
    return JSON.stringify({ events });
  };

  const post = (payload: string) =>
    callApi<EventBatchResult>(session.server, tenant, 'POST', '/v1/events', payload);
  for (let i = 0; i < size.warmUp; i++) await post(body(-1 - i));

  const bodies = Array.from({ length: size.batches }, (_, i) => body(i));
  session.log(`ingestion: ${size.batches} batches of ${BATCH} with ${size.clients} clients`);
  const latencies: number[] = [];
  let accepted = 0;
  let transitions = 0;
  let next = 0;
  let failed = false;
  const client = async () => {
    for (let i = next++; i < bodies.length && !failed; i = next++) {
      const began = performance.now();
      const result = await post(bodies[i]!).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      latencies.push(performance.now() - began);
      accepted += result.accepted;
      transitions += result.transitions.length;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: size.clients }, client));
  const seconds = (performance.now() - began) / 1000;
  const sent = size.batches * BATCH;
  if (accepted !== sent) throw new Error(`ingestion bench: ${accepted} of ${sent} events were accepted`);

  const rate = sent / seconds;
  const batch = summarize(latencies);
  const goal = GOAL[target];
  const result: BenchResult = {
    name: 'event ingestion, POST /v1/events (1,000 per batch)',
    target,
    value: rate,
    unit: 'events/s',
    goal: `>= ${grouped(goal)} events/s`,
    meetsGoal: rate >= goal,
    detail:
      `${grouped(sent)} events in ${seconds.toFixed(1)} s by ${size.clients} keep-alive clients over ` +
      `${grouped(size.leads)} leads; per batch p50 ${ms(batch.p50)}, p99 ${ms(batch.p99)}; ` +
      `${grouped(transitions)} stage moves; half-life ${DEFAULT_POLICY.engagement.halfLifeDays} d; ` +
      session.bench.description,
  };
  return [result];
};
