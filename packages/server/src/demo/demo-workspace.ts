import { sql } from 'drizzle-orm';
import type { Db } from '../db/create-db';
import { firstRow } from '../db/sql';
import { insertApiKey } from '../modules/tenants/tenants.repository';
import { createTenant, newApiKey } from '../modules/tenants/tenants.service';
import { hashSecret } from '../secrets';
import { type DemoUser, ensureDemoUser } from './demo-user';
import { generateDemoData } from './generate-demo-data';

export interface DemoWorkspace {
  tenantId: string;
  /** A fresh key on every start: keys are stored hashed, so the previous one cannot be shown again. */
  apiKey: string;
  /** The demo user's email and a password reset on every start. */
  user: DemoUser;
  created: boolean;
}

/**
 * Creates the demo workspace on the first start with an empty database, filled by generateDemoData (accounts,
 * leads, events, assessments and stage history). Later starts find it and leave it alone.
 */
export async function ensureDemoWorkspace(db: Db): Promise<DemoWorkspace> {
  const existing = await firstRow<{ id: string }>(
    db,
    sql`select id from tenants where name = 'Demo workspace' limit 1`,
  );
  if (existing) {
    const apiKey = await rotateDemoKey(db, existing.id);
    return { tenantId: existing.id, apiKey, user: await ensureDemoUser(db, existing.id), created: false };
  }
  const tenant = await createTenant(db, 'Demo workspace', 'demo');
  await generateDemoData(db, tenant.tenantId, { seed: 7 });
  const user = await ensureDemoUser(db, tenant.tenantId);
  return { tenantId: tenant.tenantId, apiKey: tenant.apiKey, user, created: true };
}

/** Revokes the previous demo key and issues a new one, so the start-up message always shows a working key. */
async function rotateDemoKey(db: Db, tenantId: string): Promise<string> {
  const apiKey = newApiKey();
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update api_keys set revoked_at = now() where tenant_id = ${tenantId} and name = 'demo' and revoked_at is null`,
    );
    await insertApiKey(tx, {
      tenantId,
      name: 'demo',
      keyHash: hashSecret(apiKey),
      prefix: apiKey.slice(0, 8),
    });
  });
  return apiKey;
}
