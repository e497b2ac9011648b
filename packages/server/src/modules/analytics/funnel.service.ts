import type { Funnel } from '@triage/contracts';
import { STAGES } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { rows } from '../../db/sql';
import type { AuthContext } from '../../plugins/auth';

/** Steps of the funnel whose conversion is reported; "converted" means reaching the next step or any later one. */
const STEPS: [string, string][] = [
  ['lead', 'mql'],
  ['mql', 'sal'],
  ['pql', 'sal'],
  ['cql', 'sal'],
  ['sal', 'sql'],
  ['sql', 'opportunity'],
  ['opportunity', 'customer'],
];
const RANK: Record<string, number> = {
  subscriber: 0,
  lead: 1,
  mql: 2,
  pql: 2,
  cql: 2,
  sal: 3,
  sql: 4,
  opportunity: 5,
  customer: 6,
};

const DAY = 86_400_000;

export async function funnel(
  ctx: AppContext,
  auth: AuthContext,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<Funnel> {
  const to = query.to ?? new Date(ctx.now()).toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - 90 * DAY).toISOString().slice(0, 10);
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY);
  const tenant = auth.tenantId;
  const ranks = sql.raw(
    `(values ${Object.entries(RANK)
      .map(([s, r]) => `('${s}', ${r})`)
      .join(', ')}) as r(stage, rank)`,
  );
  const steps = sql.raw(
    `(values ${STEPS.map(([a, b]) => `('${a}', '${b}', ${RANK[b]})`).join(', ')}) as p(stage, next, next_rank)`,
  );

  const [current, entered, conversions, times, reasons] = await Promise.all([
    rows<{ stage: string; n: number }>(
      ctx.db,
      sql`select stage, count(*)::int as n from leads where tenant_id = ${tenant} group by stage`,
    ),
    rows<{ stage: string; n: number }>(
      ctx.db,
      sql`select to_stage as stage, count(distinct lead_id)::int as n from stage_transitions
          where tenant_id = ${tenant} and at >= ${start} and at < ${end} group by to_stage`,
    ),
    rows<{ stage: string; next: string; entered: number; converted: number }>(
      ctx.db,
      sql`with entered as (
            select lead_id, to_stage, min(at) as at from stage_transitions
            where tenant_id = ${tenant} and at >= ${start} and at < ${end} group by lead_id, to_stage)
          select p.stage, p.next, count(*)::int as entered,
            count(*) filter (where exists (
              select 1 from stage_transitions t join ${ranks} on r.stage = t.to_stage
              where t.tenant_id = ${tenant} and t.lead_id = e.lead_id and t.at >= e.at and r.rank >= p.next_rank))::int as converted
          from entered e join ${steps} on p.stage = e.to_stage
          group by p.stage, p.next`,
    ),
    rows<{ stage: string; median: number | null; n: number }>(
      ctx.db,
      sql`with spans as (
            select to_stage as stage, at, lead(at) over (partition by lead_id order by at, seq) as left_at
            from stage_transitions where tenant_id = ${tenant})
          select stage, (percentile_cont(0.5) within group (order by extract(epoch from left_at - at) / 3600.0))::float8 as median,
                 count(*)::int as n
          from spans where left_at is not null and at >= ${start} and at < ${end} group by stage`,
    ),
    rows<{ reason: string | null; n: number }>(
      ctx.db,
      sql`select reason, count(*)::int as n from stage_transitions
          where tenant_id = ${tenant} and to_stage = 'disqualified' and at >= ${start} and at < ${end}
          group by reason order by n desc`,
    ),
  ]);
  const currentOf = new Map(current.map((r) => [r.stage, r.n]));
  const enteredOf = new Map(entered.map((r) => [r.stage, r.n]));
  const conversionOf = new Map(conversions.map((c) => [`${c.stage}>${c.next}`, c]));
  const timeOf = new Map(times.map((t) => [t.stage, t]));
  return {
    from,
    to,
    stages: STAGES.map((stage) => ({
      stage,
      current: currentOf.get(stage) ?? 0,
      entered: enteredOf.get(stage) ?? 0,
    })),
    conversions: STEPS.map(([a, b]) => {
      const c = conversionOf.get(`${a}>${b}`);
      const n = c?.entered ?? 0;
      return {
        from: a,
        to: b,
        entered: n,
        converted: c?.converted ?? 0,
        rate: n ? Math.round(((c?.converted ?? 0) / n) * 1000) / 1000 : null,
      };
    }),
    timeInStage: STAGES.map((stage) => {
      const t = timeOf.get(stage);
      return {
        stage,
        medianHours: t?.median == null ? null : Math.round(t.median * 10) / 10,
        samples: t?.n ?? 0,
      };
    }),
    disqualificationReasons: reasons.map((r) => ({ reason: r.reason ?? 'unspecified', count: r.n })),
  };
}
