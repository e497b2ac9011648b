import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/app';
import type { AppContext } from '../../src/context';
import type { Database } from '../../src/db/create-db';
import { createTenant } from '../../src/modules/tenants/tenants.service';
import type { DbTarget } from '../global-setup';
import { openTestDatabase } from './test-database';

export interface TestApp {
  app: FastifyInstance & { ctx: AppContext };
  database: Database;
  clock: { now: number };
  /** A tenant with its own API key; `call` sends requests as that tenant. */
  tenant(name?: string): Promise<TestTenant>;
  close(): Promise<void>;
}

export interface TestTenant {
  tenantId: string;
  apiKey: string;
  call<T = unknown>(method: Method, url: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const T0 = Date.parse('2026-06-01T09:00:00Z');

/** `options` adds app options (e.g. `jobs`) to the test defaults. */
export async function startTestApp(
  target: DbTarget,
  options: Omit<Partial<AppOptions>, 'database' | 'now'> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(target);
  const clock = { now: T0 };
  const app = await buildApp({
    database,
    now: () => clock.now,
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
    ...options,
  });
  return {
    app,
    database,
    clock,
    async tenant(name = 'Acme Sales') {
      const created = await createTenant(database.db, name);
      return {
        tenantId: created.tenantId,
        apiKey: created.apiKey,
        async call<T>(method: Method, url: string, body?: unknown) {
          const response = await app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${created.apiKey}` },
            ...(body !== undefined ? { payload: body as object } : {}),
          });
          return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T };
        },
      };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
