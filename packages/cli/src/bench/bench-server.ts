import { Agent, request } from 'node:http';
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

/** Keep-alive connections shared by the bench's clients, as a load balancer or SDK would hold them. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One HTTP call with the tenant's key; a body that is already a JSON string is sent as it is. node:http rather
 * than fetch: fetch gives up on an answer after 300 s, and re-scoring a large tenant on PGlite may take longer.
 */
export function callApi<T>(
  server: BenchServer,
  tenant: BenchTenant,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = request(
      `${server.baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${tenant.apiKey}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300)
            reject(new Error(`${method} ${path}: HTTP ${status} ${text.slice(0, 500)}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
