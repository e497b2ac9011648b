import type { Db } from '@triage/server/db/create-db';
import { rows } from '@triage/server/db/sql';
import { sql } from 'drizzle-orm';

export interface LeadFixtureOptions {
  count: number;
  /**
   * Give about 80% of the leads a decayed engagement (value up to 100, as of the last 30 days) and the
   * matching hot key; the rest stay cold. Without it every lead is a fresh, unscored 'lead'.
   */
  heat?: { now: number; halfLifeMs: number };
  policyVersion: number;
  onProgress?: (loaded: number) => void;
}

const CHUNK = 100_000;

/**
 * A bench fixture, not the product's write path: loads accounts and leads straight into the tables with
 * `INSERT … SELECT generate_series`, so a million leads take seconds instead of a long import. The rows are
 * shaped like real ones (an account per 20 leads with industry, size, country and CRM; titles with seniority and
 * department; a spread of stages, including closed ones the hot list must skip). No creation transitions are
 * written. Ends with ANALYZE so the planner sees the real table sizes.
 */
export async function loadLeadFixture(db: Db, tenantId: string, options: LeadFixtureOptions): Promise<void> {
  const accountCount = Math.max(1, Math.ceil(options.count / 20));
  await db.execute(sql`
    insert into accounts (tenant_id, name, domain, industry, employees, annual_revenue, country, technologies)
    select ${tenantId}::uuid, 'Company ' || n, 'company' || n || '.example',
      (array['software', 'saas', 'manufacturing', 'retail', 'fintech', 'education', 'healthcare'])[1 + n % 7],
      (array[5, 40, 120, 800, 3000, 12000])[1 + n % 6],
      (n % 50) * 1000000.0,
      (array['US', 'GB', 'DE', 'PL', 'FR', 'BR', 'IN', 'JP'])[1 + n % 8],
      case n % 3 when 0 then array['salesforce'] when 1 then array['hubspot', 'slack'] else array[]::text[] end
    from generate_series(1, ${accountCount}::int) n`);
  for (let low = 1; low <= options.count; low += CHUNK) {
    const high = Math.min(options.count, low + CHUNK - 1);
    await db.execute(sql`
      insert into leads (tenant_id, account_id, email, first_name, last_name, title, seniority, department, country,
        source, stage)
      select ${tenantId}::uuid, a.id, 'lead' || i || '@company' || (1 + i % ${accountCount}::int) || '.example',
        'Lead', 'Number ' || i,
        (array['VP of Sales', 'Marketing Manager', 'Software Engineer', 'Chief Executive Officer', 'SDR'])[1 + i % 5],
        (array['vp', 'manager', 'individual', 'c_level', 'individual'])[1 + i % 5],
        (array['sales', 'marketing', 'engineering', 'executive', 'sales'])[1 + i % 5],
        a.country, (array['webinar', 'ads', 'organic', 'referral'])[1 + i % 4],
        ${
          options.heat
            ? sql`case when i % 50 = 0 then 'customer' when i % 40 = 0 then 'disqualified' when i % 10 = 0 then 'mql' else 'lead' end`
            : sql`'lead'`
        }
      from generate_series(${low}::int, ${high}::int) i
      join accounts a on a.tenant_id = ${tenantId}::uuid and a.domain = 'company' || (1 + i % ${accountCount}::int) || '.example'`);
    options.onProgress?.(high);
  }
  // Fit as a spread over 0–100 from the email, so it is the same on every run and target.
  const fit = sql`(abs(hashtext(l.email)) % 101)::smallint`;
  const heat = options.heat;
  await db.execute(
    heat
      ? sql`insert into lead_scores (tenant_id, lead_id, fit_score, policy_version, engagement_value, engagement_as_of, hot_key)
            select l.tenant_id, l.id, ${fit}, ${options.policyVersion}::int, e.value, e.as_of,
              case when e.value > 0 then ln(e.value) / ln(2) + e.as_of / ${heat.halfLifeMs}::float8 end
            from leads l
            cross join lateral (select case when random() < 0.2 then 0 else 1 + random() * 99 end as value,
              ${heat.now}::int8 - (random() * 30 * 86400000)::int8 as as_of offset 0) e
            where l.tenant_id = ${tenantId}::uuid`
      : sql`insert into lead_scores (tenant_id, lead_id, fit_score, policy_version)
            select l.tenant_id, l.id, ${fit}, ${options.policyVersion}::int from leads l where l.tenant_id = ${tenantId}::uuid`,
  );
  await db.execute(sql`analyze leads`);
  await db.execute(sql`analyze lead_scores`);
  await db.execute(sql`analyze accounts`);
}

/** The fixture's leads, for clients that address events by id or by email. */
export async function fixtureLeads(db: Db, tenantId: string): Promise<{ id: string; email: string }[]> {
  return rows<{ id: string; email: string }>(
    db,
    sql`select id, email from leads where tenant_id = ${tenantId} order by id`,
  );
}
