import cookie from '@fastify/cookie';
import { CSRF_HEADER, errorSchema, SESSION_COOKIE } from '@triage/contracts';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/create-db';
import { HttpError } from '../http-error';
import { findApiKeyByHash } from '../modules/tenants/tenants.repository';
import { findLiveSession } from '../modules/users/users.repository';
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
    /** Set when the request was authenticated by the session cookie rather than an API key. */
    sessionTokenHash: string | null;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** Drops a revoked key from this process's cache at once (other processes drop it within 30 s). */
    forgetApiKey: (keyId: string) => void;
  }
}

const CACHE_TTL_MS = 30_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Two ways in. API keys are looked up by their sha256 and cached for 30 s so that ingestion does not pay a
 * round trip per call; a revoked key therefore stops working within 30 s, which is stated in the README.
 * Browsers send the httpOnly session cookie; since a cookie rides along on cross-site requests too, every
 * unsafe method must also carry the session's CSRF token in a header, which another site cannot read.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; now?: () => number }) => {
    const now = options.now ?? Date.now;
    await app.register(cookie);
    const cache = new Map<string, { auth: AuthContext; until: number }>();
    app.decorateRequest('auth', null as unknown as AuthContext);
    app.decorateRequest('sessionTokenHash', null);

    async function bySession(request: FastifyRequest, token: string) {
      const tokenHash = hashSecret(token);
      const session = await findLiveSession(options.db, tokenHash, new Date(now()));
      if (!session) throw new HttpError(401, 'unauthenticated', 'The session has ended; sign in again.');
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken)
        throw new HttpError(
          403,
          'csrf_failed',
          `Send the session's CSRF token in the ${CSRF_HEADER} header.`,
        );
      request.auth = { tenantId: session.tenantId, actor: { kind: 'user', id: session.user.id } };
      request.sessionTokenHash = tokenHash;
    }

    app.decorate('forgetApiKey', (keyId: string) => {
      for (const [hash, entry] of cache) if (entry.auth.actor.id === keyId) cache.delete(hash);
    });

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      const cookieToken = request.cookies[SESSION_COOKIE];
      if (!header && cookieToken) return bySession(request, cookieToken);
      const match = header?.match(/^Bearer\s+(\S+)$/i);
      if (!match?.[1])
        throw new HttpError(401, 'unauthenticated', 'Sign in, or send Authorization: Bearer <api key>.');
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

const INPUT_PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/**
 * What authentication and validation add to a route's answers, written into its schema so that the OpenAPI
 * document lists them: 401 on every authenticated route, 400 on every route that validates some input.
 */
export function documentAuthenticatedRoute(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema;
  schema.response ??= {};
  const response = schema.response as Record<string, unknown>;
  response['401'] ??= errorSchema;
  if (INPUT_PARTS.some((part) => schema[part] !== undefined)) response['400'] ??= errorSchema;
}

/** Puts every route registered in `scope` (and its children) behind authentication, documented once here. */
export function requireAuthentication(scope: FastifyInstance): void {
  scope.addHook('onRequest', scope.authenticate);
  scope.addHook('onRoute', documentAuthenticatedRoute);
}
