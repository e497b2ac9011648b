import type { Conversion, SpeedToLead } from '@triage/contracts';
import { orderingKeyBound } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { rows } from '../../db/sql';
import type { AuthContext } from '../../plugins/auth';

type Dimension = Conversion['by'];

const FIT_BANDS = ['0–24', '25–49', '50–74', '75–100'] as const;
const HEAT_BANDS = ['cold', 'warm', 'hot', 'on_fire'] as const;
const QUALIFIED = sql.raw(`('sql', 'opportunity', 'customer')`);

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * Which groups of leads turn into pipeline: per source, fit band or heat band now, the share that ever
 * reached SQL (or later) and the share that became customers.
 */
export async function conversion(ctx: AppContext, auth: AuthContext, by: Dimension): Promise<Conversion> {
  const tenant = auth.tenantId;
  const policy = (await ctx.policies.get(tenant)).policy.engagement;
  const now = ctx.now();
  // Heat now ≥ T ⇔ hot_key ≥ the key bound (ADR 0003): no decay arithmetic, no underflow.
  const bound = (threshold: number) => orderingKeyBound(threshold, now, policy);
  const { warm, hot, onFire } = policy.heatTiers;
  const key =
    by === 'source'
      ? sql`coalesce(nullif(l.source, ''), '(none)')`
      : by === 'fit_band'
        ? sql`case when s.fit_score < 25 then '0–24' when s.fit_score < 50 then '25–49'
                   when s.fit_score < 75 then '50–74' else '75–100' end`
        : sql`case when s.hot_key is null then 'cold' when s.hot_key >= ${bound(onFire)}::float8 then 'on_fire'
                   when s.hot_key >= ${bound(hot)}::float8 then 'hot'
                   when s.hot_key >= ${bound(warm)}::float8 then 'warm' else 'cold' end`;
  const found = await rows<{
    key: string;
    leads: number;
    qualified: number;
    customers: number;
    disqualified: number;
  }>(
    ctx.db,
    sql`select g.key, count(*)::int as leads,
          count(*) filter (where g.stage in ${QUALIFIED} or exists (
            select 1 from stage_transitions t where t.tenant_id = ${tenant} and t.lead_id = g.id
            and t.to_stage in ${QUALIFIED}))::int as qualified,
          count(*) filter (where g.stage = 'customer')::int as customers,
          count(*) filter (where g.stage = 'disqualified')::int as disqualified
        from (select l.id, l.stage, ${key} as key from leads l
              join lead_scores s on s.tenant_id = l.tenant_id and s.lead_id = l.id
              where l.tenant_id = ${tenant}) g
        group by g.key`,
  );
  const order: readonly string[] =
    by === 'fit_band' ? FIT_BANDS : by === 'heat_band' ? HEAT_BANDS : found.map((r) => r.key);
  const byKey = new Map(found.map((r) => [r.key, r]));
  const groups = order.map((k) => {
    const r = byKey.get(k);
    const leads = r?.leads ?? 0;
    return {
      key: k,
      leads,
      qualified: r?.qualified ?? 0,
      customers: r?.customers ?? 0,
      disqualified: r?.disqualified ?? 0,
      qualifiedRate: rate(r?.qualified ?? 0, leads),
      customerRate: rate(r?.customers ?? 0, leads),
    };
  });
  if (by === 'source') groups.sort((a, b) => b.leads - a.leads || a.key.localeCompare(b.key));
  return { by, groups };
}

export const SPEED_BUCKETS: { label: string; maxMinutes: number | null }[] = [
  { label: '≤ 5 min', maxMinutes: 5 },
  { label: '5–30 min', maxMinutes: 30 },
  { label: '30–60 min', maxMinutes: 60 },
  { label: '1–4 h', maxMinutes: 240 },
  { label: '4–24 h', maxMinutes: 1440 },
  { label: '> 1 day', maxMinutes: null },
];

/** Stages where an uncontacted hand-raiser is still waiting for a rep (not let go, not nurtured). */
const WAITING = sql.raw(`('subscriber', 'lead', 'mql', 'pql', 'cql')`);

/** How long hand-raisers waited for their first contact, and who is still waiting. */
export async function speedToLead(ctx: AppContext, auth: AuthContext): Promise<SpeedToLead> {
  const tenant = auth.tenantId;
  const now = new Date(ctx.now());
  const [delays, open] = await Promise.all([
    rows<{ minutes: number }>(
      ctx.db,
      sql`select (greatest(0, extract(epoch from first_contacted_at - first_hand_raise_at)) / 60.0)::float8 as minutes
          from leads where tenant_id = ${tenant} and first_hand_raise_at is not null and first_contacted_at is not null`,
    ),
    rows<{ n: number; oldest: number | null }>(
      ctx.db,
      sql`select count(*)::int as n,
            (extract(epoch from ${now}::timestamptz - min(first_hand_raise_at)) / 60.0)::float8 as oldest
          from leads where tenant_id = ${tenant} and first_hand_raise_at is not null
            and first_contacted_at is null and stage in ${WAITING}`,
    ),
  ]);
  const minutes = delays.map((d) => Number(d.minutes)).sort((a, b) => a - b);
  const buckets = SPEED_BUCKETS.map((b) => ({ ...b, count: 0 }));
  for (const m of minutes) {
    const bucket = buckets.find((b) => b.maxMinutes === null || m <= b.maxMinutes)!;
    bucket.count += 1;
  }
  const openRow = open[0];
  return {
    buckets,
    contacted: minutes.length,
    medianMinutes: median(minutes),
    open: openRow?.n ?? 0,
    oldestOpenMinutes:
      openRow?.oldest === null || openRow?.oldest === undefined ? null : Math.round(Number(openRow.oldest)),
  };
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}
