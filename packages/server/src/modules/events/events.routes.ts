import { errorSchema, eventBatchResultSchema, eventBatchSchema } from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { ingestEvents } from './events.service';

export const eventsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/events', {
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags: ['events'],
      summary:
        'Append up to 1,000 behavioural events; idempotent on id; scores and stage rules applied before the answer',
      body: eventBatchSchema,
      response: { 200: eventBatchResultSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) => ingestEvents(ctx, request.auth, request.body.events),
  });
};
