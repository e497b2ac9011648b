import type { FieldIssue } from '@triage/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError } from '../http-error';

type Location = NonNullable<FieldIssue['location']>;
const LOCATIONS: Record<string, Location> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** Every error leaves as { error, message, issues? }: clients get the field and the problem, never internals. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const location = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
        const issues = error.validation.map((issue) => ({
          location,
          pointer: issue.instancePath === '/' ? '' : issue.instancePath,
          message: issue.message,
        }));
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
        });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const code =
          error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'bad_request';
        return reply.status(status).send({ error: code, message: error.message });
      }
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
