import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { apiKeys, tenants } from '../../db/schema';

export async function insertTenant(
  db: Db,
  name: string,
): Promise<{ id: string; name: string; createdAt: Date }> {
  const [row] = await db.insert(tenants).values({ name }).returning();
  return row!;
}

export async function insertApiKey(
  db: Db,
  key: { tenantId: string; name: string; keyHash: string; prefix: string },
): Promise<{ id: string }> {
  const [row] = await db.insert(apiKeys).values(key).returning({ id: apiKeys.id });
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
