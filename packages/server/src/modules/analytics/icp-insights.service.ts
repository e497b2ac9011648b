import type { IcpInsightsView } from '@triage/contracts';
import { type AttributeValueCount, icpInsights } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { rows } from '../../db/sql';
import type { AuthContext } from '../../plugins/auth';

/** Company-size bands, as ICP range rules would state them. */
const EMPLOYEE_BANDS = [
  { label: '1–10', min: 1, max: 10 },
  { label: '11–50', min: 11, max: 50 },
  { label: '51–200', min: 51, max: 200 },
  { label: '201–1000', min: 201, max: 1000 },
  { label: '1001–5000', min: 1001, max: 5000 },
  { label: '5001+', min: 5001 },
] as const;

const employeeBand = sql.raw(
  `case ${EMPLOYEE_BANDS.map((b) => `when a.employees ${'max' in b ? `between ${b.min} and ${b.max}` : `>= ${b.min}`} then '${b.label}'`).join(' ')} end`,
);

/** The attributes looked at, and the column of the query below that holds each. */
const ATTRIBUTES = [
  { subject: 'account', field: 'industry' },
  { subject: 'account', field: 'country' },
  { subject: 'account', field: 'employees' },
  { subject: 'contact', field: 'seniority' },
  { subject: 'contact', field: 'department' },
  { subject: 'contact', field: 'source' },
] as const;

const countsPerValue = sql.join(
  ATTRIBUTES.map(({ subject, field }) =>
    sql.raw(
      `select '${subject}' as subject, '${field}' as field, ${field} as value, count(*)::int as leads,
         (count(*) filter (where won))::int as won from l where nullif(${field}, '') is not null group by ${field}`,
    ),
  ),
  sql.raw(' union all '),
);

/**
 * Which account and contact attribute values the workspace's customers over- or under-index on, against all its
 * leads, with the ICP rule each suggests. The counting is one grouped pass in the database; the statistics are
 * core's (icpInsights).
 */
export async function icpInsightsOf(ctx: AppContext, auth: AuthContext): Promise<IcpInsightsView> {
  const tenant = auth.tenantId;
  const found = await rows<{
    subject: 'account' | 'contact';
    field: string;
    value: string;
    leads: number;
    won: number;
  }>(
    ctx.db,
    sql`with l as (
          select l.stage = 'customer' as won, a.industry, a.country, ${employeeBand} as employees,
                 l.seniority, l.department, l.source
          from leads l left join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
          where l.tenant_id = ${tenant})
        ${countsPerValue}
        union all
        select 'account', '*', '*', count(*)::int, (count(*) filter (where won))::int from l`,
  );
  const total = found.find((row) => row.field === '*') ?? { leads: 0, won: 0 };
  const counts: AttributeValueCount[] = found
    .filter((row) => row.field !== '*')
    .map((row) => {
      const band = row.field === 'employees' ? EMPLOYEE_BANDS.find((b) => b.label === row.value) : undefined;
      return {
        subject: row.subject,
        field: row.field,
        value: band ? { min: band.min, ...('max' in band ? { max: band.max } : {}) } : row.value,
        label: row.value,
        leads: row.leads,
        won: row.won,
      };
    });
  return icpInsights(counts, { leads: total.leads, won: total.won });
}
