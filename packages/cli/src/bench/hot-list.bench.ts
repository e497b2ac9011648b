import type { Db } from '@triage/server/db/create-db';
import { rows } from '@triage/server/db/sql';
import { hottestLeads } from '@triage/server/modules/leads/leads.repository';
import { type SQL, sql } from 'drizzle-orm';
import { callApi } from './bench-server';
import { median, ms, summarize } from './bench-stats';
import type { DbBench } from './db-bench';
import { hotLeadsFixture } from './hot-leads-fixture';

const LIMIT = 50;
const INDEX = 'lead_scores_tenant_heat_idx';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** "Limit > Nested Loop > Index Scan using lead_scores_tenant_heat_idx on lead_scores": the plan's shape in one line. */
export function describePlan(node: PlanNode): string {
  const self =
    node['Node Type'] +
    (node['Index Name'] ? ` using ${node['Index Name']}` : '') +
    (node['Relation Name'] ? ` on ${node['Relation Name']}` : '');
  const children = (node.Plans ?? []).map(describePlan);
  return children.length ? `${self} > (${children.join(', ')})` : self;
}

const usesIndex = (node: PlanNode): boolean =>
  (node['Node Type'].startsWith('Index') && node['Index Name'] === INDEX) ||
  (node.Plans ?? []).some(usesIndex);
const sorts = (node: PlanNode): boolean =>
  node['Node Type'].includes('Sort') || (node.Plans ?? []).some(sorts);

/** The SQL the repository sends, caught by a stand-in handle, so EXPLAIN looks at exactly that query. */
async function hotListQuery(tenantId: string): Promise<SQL> {
  let caught: SQL | undefined;
  const spy = {
    execute: async (query: SQL) => {
      caught = query;
      return { rows: [] };
    },
  } as unknown as Db;
  await hottestLeads(spy, tenantId, LIMIT);
  if (!caught) throw new Error('hottestLeads sent no query');
  return caught;
}

/**
 * The hot list among the fixture's leads: the repository call timed from Node (round trip and row decoding
 * included), the server-side execution time from EXPLAIN ANALYZE, and GET /v1/leads/hot over HTTP. Fails if
 * the plan stops being an ordered index scan, since then the time would grow with the number of leads.
 */
export const benchHotList: DbBench = async (session) => {
  const { database, target } = session.bench;
  const fixture = await hotLeadsFixture(session);
  const runs = session.quick ? 30 : 300;
  const warmUp = session.quick ? 5 : 30;
  const tenantId = fixture.tenant.tenantId;

  const query = await hotListQuery(tenantId);
  const explains: number[] = [];
  let plan: PlanNode | undefined;
  for (let i = 0; i < (session.quick ? 5 : 31); i++) {
    const [row] = await rows<{ 'QUERY PLAN': unknown }>(
      database.db,
      sql`explain (analyze, format json) ${query}`,
    );
    const raw = row?.['QUERY PLAN'];
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      Plan: PlanNode;
      'Execution Time': number;
    }[];
    plan = parsed[0]!.Plan;
    explains.push(parsed[0]!['Execution Time']);
  }
  const shape = describePlan(plan!);
  if (!usesIndex(plan!) || sorts(plan!))
    throw new Error(`hot list: expected an ordered scan of ${INDEX} without a sort, got ${shape}`);
  session.log(`hot list plan: ${shape}`);

  for (let i = 0; i < warmUp; i++) await hottestLeads(database.db, tenantId, LIMIT);
  const inDb: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    const found = await hottestLeads(database.db, tenantId, LIMIT);
    inDb.push(performance.now() - began);
    if (found.length !== Math.min(LIMIT, fixture.leads))
      throw new Error(`hot list returned ${found.length} rows`);
  }

  const path = `/v1/leads/hot?limit=${LIMIT}`;
  for (let i = 0; i < warmUp; i++) await callApi(session.server, fixture.tenant, 'GET', path);
  const overHttp: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await callApi(session.server, fixture.tenant, 'GET', path);
    overHttp.push(performance.now() - began);
  }

  const db = summarize(inDb);
  const http = summarize(overHttp);
  // The goals are stated for a million leads; smaller fixtures (PGlite's) report without a verdict.
  const judged = fixture.leads >= 1_000_000;
  return [
    {
      name: `hot list top ${LIMIT}, in the database (${fixture.label})`,
      target,
      value: db.p50,
      unit: 'ms p50',
      ...(judged ? { goal: '<= 2 ms p50', meetsGoal: db.p50 <= 2 } : {}),
      detail:
        `hottestLeads() from Node over ${runs} runs: p99 ${ms(db.p99)}; server-side execution (EXPLAIN ANALYZE) ` +
        `p50 ${ms(median(explains))}; plan: ${shape}`,
    },
    {
      name: `hot list top ${LIMIT}, GET /v1/leads/hot (${fixture.label})`,
      target,
      value: http.p50,
      unit: 'ms p50',
      ...(judged ? { goal: '<= 10 ms p50', meetsGoal: http.p50 <= 10 } : {}),
      detail: `${runs} sequential keep-alive requests: p99 ${ms(http.p99)}, max ${ms(http.max)}`,
    },
  ];
};
