import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { policies } from '../../db/schema';

export interface PolicyRow {
  version: number;
  policy: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export async function findLatestPolicy(db: Db, tenantId: string): Promise<PolicyRow | undefined> {
  const [row] = await db
    .select({
      version: policies.version,
      policy: policies.policy,
      note: policies.note,
      createdBy: policies.createdBy,
      createdAt: policies.createdAt,
    })
    .from(policies)
    .where(eq(policies.tenantId, tenantId))
    .orderBy(desc(policies.version))
    .limit(1);
  return row;
}

export async function findPolicyVersion(
  db: Db,
  tenantId: string,
  version: number,
): Promise<PolicyRow | undefined> {
  const [row] = await db
    .select()
    .from(policies)
    .where(and(eq(policies.tenantId, tenantId), eq(policies.version, version)))
    .limit(1);
  return row;
}

export async function insertPolicy(
  db: Db,
  row: { tenantId: string; version: number; policy: unknown; note: string | null; createdBy: string | null },
): Promise<PolicyRow> {
  const [inserted] = await db.insert(policies).values(row).returning();
  return inserted!;
}
