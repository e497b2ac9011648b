import {
  errorSchema,
  followUpQueueQuery,
  followUpQueueSchema,
  idParams,
  touchInputSchema,
  touchListSchema,
  touchResultSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { followUpQueue, leadTouches, logTouch } from './follow-up.service';

export const followUpRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['follow-up'];
  app.get('/follow-ups', {
    schema: {
      tags,
      summary:
        'The follow-up queue, most urgent first: escalated, overdue and due hand-raisers, then leads gone quiet; ' +
        'each with its speed-to-lead clock and the next action with its reason',
      querystring: followUpQueueQuery,
      response: { 200: followUpQueueSchema, 400: errorSchema },
    },
    handler: (request) => followUpQueue(ctx, request.auth, request.query),
  });
  app.post('/leads/:id/touches', {
    schema: {
      tags,
      summary:
        "Log a rep's touch (call, email, meeting, LinkedIn): one at or after the hand-raise stops the speed-to-lead " +
        'clock; any touch resets the gone-quiet count',
      params: idParams,
      body: touchInputSchema,
      response: { 201: touchResultSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await logTouch(ctx, request.auth, request.params.id, request.body)),
  });
  app.get('/leads/:id/touches', {
    schema: {
      tags,
      summary: "The lead's logged touches, newest first",
      params: idParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: touchListSchema, 404: errorSchema },
    },
    handler: (request) => leadTouches(ctx, request.auth, request.params.id, request.query.limit),
  });
};
