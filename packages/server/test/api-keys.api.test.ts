import type { ApiKeyList, CreatedApiKey } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

describe.each(dbTargets())('API keys on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let globex: TestTenant;
  let initech: TestTenant;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    globex = await t.tenant('Globex');
    initech = await t.tenant('Initech');
  });
  afterAll(() => t.close());

  const withKey = async (key: string, url = '/v1/leads') =>
    (await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).statusCode;

  it('rotates a key: a new key works at once, the old one is refused once revoked, and keys are never listed', async () => {
    const before = await acme.call<ApiKeyList>('GET', '/v1/api-keys');
    expect(before.status).toBe(200);
    expect(before.body.items).toHaveLength(1);
    const original = before.body.items[0]!;
    expect(acme.apiKey.startsWith(original.prefix)).toBe(true);
    expect(JSON.stringify(before.body)).not.toContain(acme.apiKey);

    const created = await acme.call<CreatedApiKey>('POST', '/v1/api-keys', { name: 'Website form' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Website form', revokedAt: null });
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    expect(await withKey(created.body.key)).toBe(200);

    // An id in capitals names the same key.
    const revoked = await acme.call('DELETE', `/v1/api-keys/${original.id.toUpperCase()}`);
    expect(revoked.status).toBe(204);
    // The key was cached by the calls above; this server forgets it when it revokes it.
    expect(await withKey(acme.apiKey)).toBe(401);
    expect(await withKey(created.body.key)).toBe(200);

    const after = await t.app.inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${created.body.key}` },
    });
    const items = after.json<ApiKeyList>().items;
    // Revoked keys stay listed (when and which), so the workspace can tell what stopped working.
    expect(items.map((k) => ({ name: k.name, live: k.revokedAt === null }))).toEqual([
      { name: 'default', live: false },
      { name: 'Website form', live: true },
    ]);
  });

  it('refuses to revoke the last live key, another workspace’s key, and a nameless key', async () => {
    const keys = await globex.call<ApiKeyList>('GET', '/v1/api-keys');
    const only = keys.body.items[0]!;
    const last = await globex.call<{ error: string }>('DELETE', `/v1/api-keys/${only.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('last_api_key');
    expect(await withKey(globex.apiKey)).toBe(200);

    const foreign = await initech.call('DELETE', `/v1/api-keys/${only.id}`);
    expect(foreign.status).toBe(404);
    expect(await withKey(globex.apiKey)).toBe(200);

    const nameless = await globex.call<{ issues: { pointer: string }[] }>('POST', '/v1/api-keys', {
      name: ' ',
    });
    expect(nameless.status).toBe(400);
    expect(nameless.body.issues.map((i) => i.pointer)).toEqual(['/name']);
    expect((await globex.call<ApiKeyList>('GET', '/v1/api-keys')).body.items).toHaveLength(1);
  });
});
