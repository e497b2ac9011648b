import type { Account, AccountInput, AccountPatch } from '@triage/contracts';
import { computeFit } from '@triage/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { decodeCursor, encodeCursor, isUuid } from '../../cursor';
import { rows } from '../../db/sql';
import { isUniqueViolation } from '../../db/sql-errors';
import { toIso } from '../../db/timestamps';
import { invalid, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { type FitLeadFields, fitSubjectOf } from '../scoring/fit-subject';
import { writeFits } from '../scoring/lead-scores.repository';
import {
  type AccountRow,
  findAccount,
  insertAccount,
  listAccounts,
  updateAccount,
} from './accounts.repository';

export function toAccountView(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    employees: row.employees,
    annualRevenue: row.annualRevenue,
    country: row.country,
    technologies: row.technologies ?? [],
    custom: (row.custom ?? {}) as Record<string, unknown>,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

const duplicateDomain = () =>
  invalid(
    [{ location: 'body', pointer: '/domain', message: 'an account with this domain already exists' }],
    'Duplicate account',
  );

export async function createAccount(ctx: AppContext, auth: AuthContext, input: AccountInput) {
  try {
    return toAccountView(await ctx.db.transaction((tx) => insertAccount(tx, auth.tenantId, input)));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateDomain();
    throw error;
  }
}

export async function getAccount(ctx: AppContext, auth: AuthContext, id: string) {
  const row = await findAccount(ctx.db, auth.tenantId, id);
  if (!row) throw notFound('Account');
  return toAccountView(row);
}

/** Account attributes feed the fit of every lead at the account, so those are rescored in the same transaction. */
export async function patchAccount(ctx: AppContext, auth: AuthContext, id: string, patch: AccountPatch) {
  const policy = await ctx.policies.get(auth.tenantId);
  try {
    const result = await ctx.db.transaction(async (tx) => {
      const updated = await updateAccount(tx, auth.tenantId, id, patch);
      if (!updated) throw notFound('Account');
      const leads = await rows<FitLeadFields & { id: string }>(
        tx,
        sql`select id, email, title, seniority, department, country, source, custom from leads
            where tenant_id = ${auth.tenantId} and account_id = ${id}`,
      );
      if (leads.length) {
        const fits = leads.map((l) => computeFit(fitSubjectOf(l, updated), policy.policy.icp.rules));
        await writeFits(
          tx,
          auth.tenantId,
          leads.map((l, i) => ({ id: l.id, fitScore: fits[i]!.score, fitKnockedOut: fits[i]!.knockedOut })),
        );
      }
      return { updated, leadIds: leads.map((l) => l.id) };
    });
    // After the commit: an account with many leads must not hold the request while each is re-predicted.
    ctx.predictions.schedule(auth.tenantId, result.leadIds);
    return toAccountView(result.updated);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateDomain();
    throw error;
  }
}

export async function listAccountsView(
  ctx: AppContext,
  auth: AuthContext,
  query: { q?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const after = query.cursor
    ? decodeCursor(
        query.cursor,
        'accounts:name',
        (key): key is [string, string] => key.length === 2 && typeof key[0] === 'string' && isUuid(key[1]),
      )
    : undefined;
  const found = await listAccounts(ctx.db, auth.tenantId, {
    q: query.q,
    limit: query.limit + 1,
    afterName: after?.[0],
    afterId: after?.[1],
  });
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAccountView),
    nextCursor:
      found.length > query.limit && last ? encodeCursor('accounts:name', [last.name, last.id]) : null,
  };
}
