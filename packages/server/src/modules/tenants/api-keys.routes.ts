import { apiKeyListSchema, createdApiKeySchema, errorSchema, newApiKeyInputSchema } from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { apiKeysOfTenant, createApiKey, revokeApiKey } from './api-keys.service';

export const apiKeysRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['api keys'];
  app.get('/api-keys', {
    schema: {
      tags,
      summary: 'The workspace’s API keys (name, prefix, created, revoked); never the keys themselves',
      response: { 200: apiKeyListSchema },
    },
    handler: (request) => apiKeysOfTenant(ctx, request.auth),
  });
  app.post('/api-keys', {
    schema: {
      tags,
      summary: 'Create an API key; the answer is the only time the key is shown',
      body: newApiKeyInputSchema,
      response: { 201: createdApiKeySchema, 400: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createApiKey(ctx, request.auth, request.body)),
  });
  app.delete('/api-keys/:id', {
    schema: {
      tags,
      summary:
        'Revoke an API key: refused at once by this server, within 30 s by other servers on the same database',
      params: z.object({ id: z.uuid() }),
      response: { 204: z.null(), 404: errorSchema, 409: errorSchema },
    },
    handler: async (request, reply) => {
      // A uuid may arrive in capitals; keys are matched as text.
      const id = request.params.id.toLowerCase();
      await revokeApiKey(ctx, request.auth, id);
      app.forgetApiKey(id);
      return reply.status(204).send(null);
    },
  });
};
