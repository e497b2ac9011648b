import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { engagementAt, heatTier } from '@triage/core';
import type { Db } from '@triage/server';
import { rows } from '@triage/server/db/sql';
import { toIso } from '@triage/server/db/timestamps';
import { PolicyCache } from '@triage/server/modules/policy/policy.service';
import { stringify } from 'csv-stringify';
import { sql } from 'drizzle-orm';
import { guardedCsvCast } from './csv-formula-guard';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The exported columns, in order; engagement is decayed to the moment of the export. */
export const EXPORT_COLUMNS = [
  'id',
  'email',
  'firstName',
  'lastName',
  'title',
  'company',
  'domain',
  'stage',
  'fit',
  'engagement',
  'heat',
  'source',
  'owner',
  'ownerEmail',
  'createdAt',
] as const;
export type ExportedLead = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

export interface ExportLeadsOptions {
  db: Db;
  tenantId: string;
  format: ExportFormat;
  out: Writable;
  now?: () => number;
  pageSize?: number;
}

interface ExportRow {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  company: string | null;
  domain: string | null;
  stage: string;
  fitScore: number;
  engagementValue: number;
  engagementAsOf: number;
  source: string | null;
  owner: string | null;
  ownerEmail: string | null;
  createdAt: Date | string;
  /** created_at in PostgreSQL's own text form: exact to the microsecond, unlike a JS Date, so the keyset is too. */
  cursor: string;
}

/**
 * Streams every lead of the tenant, oldest first, in keyset pages (the cost of a page does not grow with its
 * depth, and only one page is in memory). CSV text cells that a spreadsheet would run as a formula are
 * neutralised. Returns the number of leads written; the caller owns `out` and ends it.
 */
export async function exportLeads(options: ExportLeadsOptions): Promise<number> {
  const now = (options.now ?? Date.now)();
  const policy = await new PolicyCache(options.db).get(options.tenantId);
  const engagementPolicy = policy.policy.engagement;
  const pageSize = options.pageSize ?? 2000;
  const toExported = (row: ExportRow): ExportedLead => {
    const engagement = engagementAt(
      { value: row.engagementValue, asOf: row.engagementAsOf },
      now,
      engagementPolicy,
    );
    return {
      id: row.id,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      title: row.title,
      company: row.company,
      domain: row.domain,
      stage: row.stage,
      fit: row.fitScore,
      engagement: Math.round(engagement * 100) / 100,
      heat: heatTier(engagement, engagementPolicy.heatTiers),
      source: row.source,
      owner: row.owner,
      ownerEmail: row.ownerEmail,
      createdAt: toIso(row.createdAt),
    };
  };

  const sink =
    options.format === 'csv'
      ? stringify({ header: true, columns: [...EXPORT_COLUMNS], cast: guardedCsvCast })
      : undefined;
  sink?.pipe(options.out, { end: false });
  const target: Writable = sink ?? options.out;
  const write = async (chunk: ExportedLead | string) => {
    if (!target.write(chunk)) await once(target, 'drain');
  };

  let after: { createdAt: string; id: string } | undefined;
  let written = 0;
  for (;;) {
    const keyset = after
      ? sql`and (l.created_at, l.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : sql``;
    const page = await rows<ExportRow>(
      options.db,
      sql`select l.id, l.email, l.first_name as "firstName", l.last_name as "lastName", l.title, a.name as company,
            a.domain, l.stage, s.fit_score as "fitScore", s.engagement_value as "engagementValue",
            s.engagement_as_of as "engagementAsOf", l.source, coalesce(u.name, l.owner_id::text) as owner,
            u.email as "ownerEmail",
            l.created_at as "createdAt", l.created_at::text as cursor
          from leads l
          join lead_scores s on s.tenant_id = l.tenant_id and s.lead_id = l.id
          left join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
          left join users u on u.tenant_id = l.tenant_id and u.id = l.owner_id
          where l.tenant_id = ${options.tenantId} ${keyset}
          order by l.created_at, l.id
          limit ${pageSize}`,
    );
    for (const row of page) {
      const lead = toExported(row);
      await write(sink ? lead : `${JSON.stringify(lead)}\n`);
    }
    written += page.length;
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = { createdAt: last.cursor, id: last.id };
  }
  if (sink) {
    sink.end();
    await once(sink, 'end');
  }
  return written;
}
