import type { FieldIssue } from '@triage/contracts';
import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError, jsonPointer } from '../http-error';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What to tell a client that sends this key in the body, e.g. where that field can be changed instead. */
    unknownKeyHints?: Record<string, string>;
  }
}

type Location = NonNullable<FieldIssue['location']>;
const LOCATIONS: Record<string, Location> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** A schema issue as the client reads it; an unknown key becomes an issue at the key, so the pointer names it. */
function toFieldIssues(
  issue: FastifySchemaValidationError,
  location: Location,
  hints: Record<string, string> | undefined,
): FieldIssue[] {
  const pointer = issue.instancePath === '/' ? '' : issue.instancePath;
  const keys = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) return [{ location, pointer, message: issue.message ?? 'is invalid' }];
  return keys.map((key: string) => ({
    location,
    pointer: `${pointer}${jsonPointer([key])}`,
    message: (pointer === '' ? hints?.[key] : undefined) ?? `"${key}" is not a field here`,
  }));
}

/** Every error leaves as { error, message, issues? }: clients get the field and the problem, never internals. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const location = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
        const hints = location === 'body' ? request.routeOptions.config.unknownKeyHints : undefined;
        const issues = error.validation.flatMap((issue) => toFieldIssues(issue, location, hints));
        return reply.status(400).send({
          error: 'validation_failed',
          message: `Invalid ${location}: ${issues.map((i) => `${i.pointer || '(root)'} ${i.message}`).join('; ')}`,
          issues,
        });
      }
      if (error instanceof HttpError) {
        return reply.status(error.statusCode).send({
          error: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
          ...(error.allowed ? { allowed: error.allowed } : {}),
          ...error.details,
        });
      }
      const status = error.statusCode ?? 500;
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        // `curl -d` sends form encoding by default: say what to send instead of only what was refused.
        const message = 'must be application/json: send the body as JSON with content-type: application/json';
        return reply.status(415).send({
          error: 'unsupported_media_type',
          message: `Unsupported body type (${request.headers['content-type'] ?? 'none'}): the body ${message}`,
          issues: [{ location: 'headers', pointer: '/content-type', message }],
        });
      }
      if (status >= 400 && status < 500)
        return reply.status(status).send({ error: 'bad_request', message: error.message });
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .status(500)
        .send({ error: 'internal', message: 'Something went wrong on our side; it was logged.' });
    });
    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send({ error: 'not_found', message: `No route for ${request.method} ${request.url}` }),
    );
  },
  { name: 'error-handler' },
);
