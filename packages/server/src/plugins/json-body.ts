import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { invalid } from '../http-error';

/** Keys that could reach an object's prototype if a later merge used them: refused as fastify's own parser does. */
const POISON = /"(?:__proto__|constructor)"\s*:/;

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('"__proto__" is not allowed as a key');
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
    throw new SyntaxError('"constructor.prototype" is not allowed');
  return value;
}

/**
 * Parses JSON bodies like fastify's default parser, but a body that is not JSON is refused in the same shape as
 * every other 400, with the parser's own words saying where it broke.
 */
export const jsonBodyPlugin = fp(
  async (app: FastifyInstance) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = body as string;
      if (text.length === 0) {
        done(invalid([{ location: 'body', pointer: '', message: 'is empty; send a JSON value' }]), undefined);
        return;
      }
      try {
        done(null, POISON.test(text) ? JSON.parse(text, refusePrototypeKeys) : JSON.parse(text));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = `is not valid JSON: ${reason}`;
        done(invalid([{ location: 'body', pointer: '', message }], `Invalid body: ${message}`), undefined);
      }
    });
  },
  { name: 'json-body' },
);
