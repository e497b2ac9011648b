import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/create-db';
import { HttpError } from '../http-error';
import { findApiKeyByHash } from '../modules/tenants/tenants.repository';
import { hashSecret } from '../secrets';

export interface Actor {
  kind: 'api_key' | 'user';
  id: string;
}
export interface AuthContext {
  tenantId: string;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

const CACHE_TTL_MS = 30_000;

/**
 * API keys are looked up by their sha256. Valid keys are cached for 30 s so that ingestion does not pay a round
 * trip per call; a revoked key therefore stops working within 30 s, which is stated in the README.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { db: Db }) => {
    const cache = new Map<string, { auth: AuthContext; until: number }>();
    app.decorateRequest('auth', null as unknown as AuthContext);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      const match = header?.match(/^Bearer\s+(\S+)$/i);
      if (!match?.[1]) throw new HttpError(401, 'unauthenticated', 'Send Authorization: Bearer <api key>.');
      const hash = hashSecret(match[1]);
      const cached = cache.get(hash);
      if (cached && cached.until > Date.now()) {
        request.auth = cached.auth;
        return;
      }
      const key = await findApiKeyByHash(options.db, hash);
      if (!key) throw new HttpError(401, 'unauthenticated', 'The API key is not valid.');
      const auth: AuthContext = { tenantId: key.tenantId, actor: { kind: 'api_key', id: key.id } };
      cache.set(hash, { auth, until: Date.now() + CACHE_TTL_MS });
      request.auth = auth;
    });
  },
  { name: 'auth' },
);
