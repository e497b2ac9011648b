import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Where `npm run build -w @triage/web` writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths that belong to the API: an unknown one is a JSON 404, never the app's HTML. */
const API_PREFIXES = ['/v1', '/docs', '/openapi.json', '/healthz'];

export const webAppAvailable = (root = WEB_DIST) => existsSync(`${root}/index.html`);

/**
 * Serves the built web app at `/`. Hashed assets are cached for a year; index.html is revalidated so a new
 * build shows up on the next load. Any other GET outside the API answers index.html (client-side routes).
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, options: { root?: string }) => {
    const root = options.root ?? WEB_DIST;
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`)) || path.startsWith('/assets/'))
        return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  },
  { name: 'web-app' },
);
