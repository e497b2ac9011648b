import type { Db } from '../../db/create-db';
import { hashSecret, randomToken } from '../../secrets';
import { createInitialPolicy } from '../policy/policy.service';
import { insertApiKey, insertTenant } from './tenants.repository';

export interface CreatedTenant {
  tenantId: string;
  name: string;
  apiKey: string;
}

/** The key is returned once; only its hash is stored. */
export function newApiKey(): string {
  return `trg_${randomToken()}`;
}

export async function createTenant(db: Db, name: string, keyName = 'default'): Promise<CreatedTenant> {
  return db.transaction(async (tx) => {
    const tenant = await insertTenant(tx, name);
    const apiKey = newApiKey();
    await insertApiKey(tx, {
      tenantId: tenant.id,
      name: keyName,
      keyHash: hashSecret(apiKey),
      prefix: apiKey.slice(0, 8),
    });
    await createInitialPolicy(tx, tenant.id);
    return { tenantId: tenant.id, name: tenant.name, apiKey };
  });
}
