import type { AddressInfo } from 'node:net';
import { buildApp } from '@triage/server/app';
import type { Database } from '@triage/server/db/create-db';
import { createTenant } from '@triage/server/modules/tenants/tenants.service';

export interface BenchServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real app listening on a loopback port: the bench goes through HTTP, JSON, validation and auth.
 * TRIAGE_BENCH_LOG=error (or another level) shows the server's log when a bench call fails.
 */
export async function startBenchServer(database: Database): Promise<BenchServer> {
  const level = process.env.TRIAGE_BENCH_LOG;
  const app = await buildApp({ database, logger: level ? { level } : false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface BenchTenant {
  tenantId: string;
  apiKey: string;
}

export async function createBenchTenant(database: Database, name: string): Promise<BenchTenant> {
  const created = await createTenant(database.db, name);
  return { tenantId: created.tenantId, apiKey: created.apiKey };
}

/** One HTTP call with the tenant's key; the body is sent as given when it is already a JSON string. */
export async function callApi<T>(
  server: BenchServer,
  tenant: BenchTenant,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tenant.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}
