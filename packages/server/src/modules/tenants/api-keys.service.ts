import type { ApiKey, ApiKeyList, CreatedApiKey, NewApiKeyInput } from '@triage/contracts';
import type { AppContext } from '../../context';
import { toIso, toIsoOrNull } from '../../db/timestamps';
import { conflict, notFound } from '../../http-error';
import type { AuthContext } from '../../plugins/auth';
import { hashSecret } from '../../secrets';
import {
  type ApiKeyRow,
  insertApiKey,
  listApiKeys,
  lockApiKeys,
  markApiKeyRevoked,
} from './tenants.repository';
import { newApiKey } from './tenants.service';

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: toIso(row.createdAt),
  revokedAt: toIsoOrNull(row.revokedAt),
});

export async function apiKeysOfTenant(ctx: AppContext, auth: AuthContext): Promise<ApiKeyList> {
  return { items: (await listApiKeys(ctx.db, auth.tenantId)).map(toApiKey) };
}

/** A new key for the workspace (to rotate one, or to give an integration its own); shown once. */
export async function createApiKey(
  ctx: AppContext,
  auth: AuthContext,
  input: NewApiKeyInput,
): Promise<CreatedApiKey> {
  const key = newApiKey();
  const created = await insertApiKey(ctx.db, {
    tenantId: auth.tenantId,
    name: input.name,
    keyHash: hashSecret(key),
    prefix: key.slice(0, 8),
  });
  return { ...toApiKey(created), key };
}

/**
 * Revokes a key of the workspace (`id` in lower case: keys are matched as text); revoking one already revoked changes nothing. The last live key cannot be
 * revoked: a workspace left without one could not call its own API to make another.
 */
export async function revokeApiKey(ctx: AppContext, auth: AuthContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const keys = await lockApiKeys(tx, auth.tenantId);
    const key = keys.find((row) => row.id === id);
    if (!key) throw notFound('API key');
    if (key.revokedAt) return;
    if (keys.filter((row) => !row.revokedAt).length === 1)
      throw conflict(
        'last_api_key',
        'This is the workspace’s only live API key: create another one first, then revoke this one.',
      );
    await markApiKeyRevoked(tx, auth.tenantId, id, new Date(ctx.now()));
  });
}
