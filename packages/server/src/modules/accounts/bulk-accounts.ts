import type { AccountInput } from '@triage/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { rows } from '../../db/sql';
import type { AccountRow } from './accounts.repository';

/**
 * Finds or creates one account per domain in two statements. An existing account keeps its data: imports and
 * ingestion never overwrite what someone curated.
 */
export async function upsertAccountsByDomain(
  db: Db,
  tenantId: string,
  inputs: (AccountInput & { domain: string })[],
  now: Date,
): Promise<Map<string, AccountRow>> {
  const byDomain = new Map<string, AccountInput & { domain: string }>();
  for (const input of inputs) if (!byDomain.has(input.domain)) byDomain.set(input.domain, input);
  if (byDomain.size === 0) return new Map();
  // In domain order, so two batches written at once (a CSV import) take the unique-index locks in the same order
  // and wait for each other instead of deadlocking.
  const list = [...byDomain.values()].sort((a, b) =>
    a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0,
  );
  await db.execute(sql`
    insert into accounts (tenant_id, name, domain, industry, employees, annual_revenue, country, technologies, custom, created_at, updated_at)
    select ${tenantId}::uuid, a.name, a.domain, a.industry, a.employees, a.annual_revenue, a.country,
           coalesce((select array_agg(x) from jsonb_array_elements_text(a.technologies) x), '{}'::text[]),
           coalesce(a.custom, '{}'::jsonb), ${now}, ${now}
    from unnest(${sql.param(list.map((a) => a.name))}::text[], ${sql.param(list.map((a) => a.domain))}::text[],
                ${sql.param(list.map((a) => a.industry ?? null))}::text[], ${sql.param(list.map((a) => a.employees ?? null))}::int[],
                ${sql.param(list.map((a) => a.annualRevenue ?? null))}::float8[], ${sql.param(list.map((a) => a.country ?? null))}::text[],
                ${sql.param(list.map((a) => JSON.stringify(a.technologies ?? [])))}::jsonb[],
                ${sql.param(list.map((a) => JSON.stringify(a.custom ?? {})))}::jsonb[])
      as a(name, domain, industry, employees, annual_revenue, country, technologies, custom)
    on conflict (tenant_id, domain) do nothing`);
  const found = await rows<AccountRow>(
    db,
    sql`select tenant_id as "tenantId", id, name, domain, industry, employees, annual_revenue as "annualRevenue", country,
          technologies, custom, created_at as "createdAt", updated_at as "updatedAt"
        from accounts where tenant_id = ${tenantId} and domain = any(${sql.param([...byDomain.keys()])}::text[])`,
  );
  return new Map(found.map((a) => [a.domain!, a]));
}
