import {
  errorSchema,
  idParams,
  newWebhookInputSchema,
  webhookDeliveryListQuery,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookListSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { WebhookSettings } from './webhook-settings';
import {
  createWebhook,
  getWebhook,
  patchWebhook,
  pingWebhook,
  removeWebhook,
  rotateSecret,
  webhookDeliveries,
  webhooksOfTenant,
} from './webhooks.service';

const SIGNING =
  'Each delivery is a POST of the versioned event (`id`, `type`, `version`, `createdAt`, `tenantId`, `data`) signed in ' +
  '`X-Triage-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`; `X-Triage-Delivery` ' +
  'is the same on every retry.';

export const webhooksRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; settings: WebhookSettings }> = async (
  app,
  { ctx, settings },
) => {
  const tags = ['webhooks'];
  // A uuid may arrive in capitals; ids are matched as text.
  const idOf = (params: { id: string }) => params.id.toLowerCase();
  app.post('/webhooks', {
    schema: {
      tags,
      summary:
        'Register an endpoint for lead and model events; the answer is the only time its secret is shown',
      description: SIGNING,
      body: newWebhookInputSchema,
      response: { 201: webhookWithSecretSchema, 400: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createWebhook(ctx, settings, request.auth, request.body)),
  });
  app.get('/webhooks', {
    schema: {
      tags,
      summary: 'The workspace’s webhook endpoints (never their secrets)',
      response: { 200: webhookListSchema },
    },
    handler: (request) => webhooksOfTenant(ctx, request.auth),
  });
  app.get('/webhooks/:id', {
    schema: {
      tags,
      summary: 'One endpoint',
      params: idParams,
      response: { 200: webhookSchema, 404: errorSchema },
    },
    handler: (request) => getWebhook(ctx, request.auth, idOf(request.params)),
  });
  app.patch('/webhooks/:id', {
    schema: {
      tags,
      summary:
        'Change the URL, events or description; `active: false` pauses the endpoint, `true` resumes it',
      params: idParams,
      body: webhookPatchSchema,
      response: { 200: webhookSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) => patchWebhook(ctx, settings, request.auth, idOf(request.params), request.body),
  });
  app.delete('/webhooks/:id', {
    schema: {
      tags,
      summary: 'Delete an endpoint with its delivery log; pending retries are dropped',
      params: idParams,
      response: { 204: z.null(), 404: errorSchema },
    },
    handler: async (request, reply) => {
      await removeWebhook(ctx, request.auth, idOf(request.params));
      return reply.status(204).send(null);
    },
  });
  app.post('/webhooks/:id/rotate-secret', {
    schema: {
      tags,
      summary: 'A new signing secret, shown once; the previous one also signs for 24 hours',
      params: idParams,
      response: { 200: webhookWithSecretSchema, 404: errorSchema },
    },
    handler: (request) => rotateSecret(ctx, request.auth, idOf(request.params)),
  });
  app.get('/webhooks/:id/deliveries', {
    schema: {
      tags,
      summary:
        'Recent deliveries, newest first, each with its attempts (status, response code, error, duration, next retry)',
      params: idParams,
      querystring: webhookDeliveryListQuery,
      response: { 200: webhookDeliveryListSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) => webhookDeliveries(ctx, request.auth, idOf(request.params), request.query),
  });
  app.post('/webhooks/:id/test', {
    schema: {
      tags,
      summary:
        'Send a signed `webhook.ping` now (tried once, paused or not) and answer with the logged delivery',
      params: idParams,
      response: { 200: webhookDeliverySchema, 404: errorSchema },
    },
    handler: (request) => pingWebhook(ctx, settings, request.auth, idOf(request.params)),
  });
};
