import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { apiKeys, tenants } from '../../db/schema';

export async function insertTenant(
  db: Db,
  name: string,
): Promise<{ id: string; name: string; createdAt: Date }> {
  const [row] = await db.insert(tenants).values({ name }).returning();
  return row!;
}

export type ApiKeyRow = Pick<
  typeof apiKeys.$inferSelect,
  'id' | 'name' | 'prefix' | 'createdAt' | 'revokedAt'
>;

const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(
  db: Db,
  key: { tenantId: string; name: string; keyHash: string; prefix: string },
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(key).returning(apiKeyColumns);
  return row!;
}

export async function findApiKeyByHash(
  db: Db,
  keyHash: string,
): Promise<{ tenantId: string; id: string } | undefined> {
  const [row] = await db
    .select({ tenantId: apiKeys.tenantId, id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export async function listTenants(db: Db) {
  return db.select().from(tenants).orderBy(tenants.createdAt);
}

export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyRow[]> {
  return db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Locks the tenant's keys, so two revocations at once cannot both leave the tenant without a live key. */
export async function lockApiKeys(db: Db, tenantId: string): Promise<ApiKeyRow[]> {
  return db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(asc(apiKeys.id))
    .for('update');
}

export async function markApiKeyRevoked(db: Db, tenantId: string, id: string, at: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}
