import type { AccountInput, AccountPatch } from '@triage/contracts';
import { and, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { accounts } from '../../db/schema';

export type AccountRow = typeof accounts.$inferSelect;

const newAccountValues = (tenantId: string, input: AccountInput) => {
  const now = new Date();
  return {
    tenantId,
    ...input,
    technologies: input.technologies ?? [],
    custom: input.custom ?? {},
    createdAt: now,
    updatedAt: now,
  };
};

export async function insertAccount(db: Db, tenantId: string, input: AccountInput): Promise<AccountRow> {
  const [row] = await db.insert(accounts).values(newAccountValues(tenantId, input)).returning();
  return row!;
}

/** Links to the account with the same domain, creating it when there is none (dedupe at capture). */
export async function upsertAccountByDomain(
  db: Db,
  tenantId: string,
  input: AccountInput & { domain: string },
): Promise<AccountRow> {
  const [existing] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.domain, input.domain)))
    .limit(1);
  if (existing) return existing;
  const [row] = await db
    .insert(accounts)
    .values(newAccountValues(tenantId, input))
    .onConflictDoUpdate({
      target: [accounts.tenantId, accounts.domain],
      set: { updatedAt: sql`accounts.updated_at` },
    })
    .returning();
  return row!;
}

export async function findAccount(db: Db, tenantId: string, id: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)))
    .limit(1);
  return row;
}

export async function findAccountsByIds(db: Db, tenantId: string, ids: string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`${accounts.id} = any(${sql.param(ids)}::uuid[])`));
}

export async function updateAccount(
  db: Db,
  tenantId: string,
  id: string,
  patch: AccountPatch,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, id)))
    .returning();
  return row;
}

export async function listAccounts(
  db: Db,
  tenantId: string,
  query: {
    q?: string | undefined;
    limit: number;
    afterId?: string | undefined;
    afterName?: string | undefined;
  },
): Promise<AccountRow[]> {
  const conditions = [eq(accounts.tenantId, tenantId)];
  if (query.q) {
    const pattern = `%${query.q.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;
    conditions.push(or(ilike(accounts.name, pattern), ilike(accounts.domain, pattern))!);
  }
  if (query.afterName !== undefined && query.afterId) {
    conditions.push(
      or(
        gt(accounts.name, query.afterName),
        and(eq(accounts.name, query.afterName), gt(accounts.id, query.afterId)),
      )!,
    );
  }
  return db
    .select()
    .from(accounts)
    .where(and(...conditions))
    .orderBy(asc(accounts.name), asc(accounts.id))
    .limit(query.limit);
}
