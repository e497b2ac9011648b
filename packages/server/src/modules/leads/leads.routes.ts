import {
  createdLeadSchema,
  errorSchema,
  hotLeadsQuery,
  idParams,
  leadEventListSchema,
  leadInputSchema,
  leadListQuery,
  leadListSchema,
  leadPatchSchema,
  leadSchema,
  leadScoreSchema,
  leadWithFollowUpSchema,
  mergedLeadErrorSchema,
  transitionInputSchema,
  transitionListSchema,
  transitionResultSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { withFollowUp } from '../follow-up/follow-up.service';
import { leadTransitions, transitionLead } from '../transitions/transitions.service';
import {
  createLead,
  getLead,
  hotLeadsView,
  leadEvents,
  leadScore,
  listLeadsView,
  patchLead,
} from './leads.service';

export const leadsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['leads'];
  app.post('/leads', {
    schema: {
      tags,
      summary: 'Create a lead (fit scored, account linked by domain, stage rules applied)',
      body: leadInputSchema,
      response: { 201: createdLeadSchema, 400: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createLead(ctx, request.auth, request.body)),
  });
  app.get('/leads', {
    schema: {
      tags,
      summary: 'List leads: filter by stage, heat, owner, minimum fit, text; sort by heat, fit or creation',
      querystring: leadListQuery,
      response: { 200: leadListSchema, 400: errorSchema },
    },
    handler: (request) => listLeadsView(ctx, request.auth, request.query),
  });
  app.get('/leads/hot', {
    schema: {
      tags,
      summary: 'The hottest open leads now',
      querystring: hotLeadsQuery,
      response: { 200: leadListSchema.pick({ items: true }) },
    },
    handler: (request) => hotLeadsView(ctx, request.auth, request.query.limit),
  });
  app.get('/leads/:id', {
    schema: {
      tags,
      summary: 'Get a lead (a merged lead answers 404 with mergedInto)',
      params: idParams,
      response: { 200: leadWithFollowUpSchema, 404: mergedLeadErrorSchema },
    },
    handler: async (request) =>
      withFollowUp(ctx, request.auth, await getLead(ctx, request.auth, request.params.id)),
  });
  app.patch('/leads/:id', {
    config: {
      unknownKeyHints: {
        stage: 'the stage is not changed here: stages change through POST /v1/leads/{id}/transitions',
      },
    },
    schema: {
      tags,
      summary: 'Change a lead (fit rescored, stage rules applied)',
      params: idParams,
      body: leadPatchSchema,
      response: { 200: leadSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) => patchLead(ctx, request.auth, request.params.id, request.body),
  });
  app.get('/leads/:id/score', {
    schema: {
      tags,
      summary: 'Fit, engagement and heat with the lines that explain them',
      params: idParams,
      response: { 200: leadScoreSchema, 404: errorSchema },
    },
    handler: (request) => leadScore(ctx, request.auth, request.params.id),
  });
  app.get('/leads/:id/events', {
    schema: {
      tags,
      summary: "The lead's events, newest first",
      params: idParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      response: { 200: leadEventListSchema, 404: errorSchema },
    },
    handler: (request) => leadEvents(ctx, request.auth, request.params.id, request.query.limit),
  });
  app.post('/leads/:id/transitions', {
    schema: {
      tags: ['stages'],
      summary: 'Move a lead to another stage (refused with the allowed stages when the table forbids it)',
      params: idParams,
      body: transitionInputSchema,
      response: { 201: transitionResultSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await transitionLead(ctx, request.auth, request.params.id, request.body)),
  });
  app.get('/leads/:id/transitions', {
    schema: {
      tags: ['stages'],
      summary: 'Stage history: who, what, why, when',
      params: idParams,
      response: { 200: transitionListSchema, 404: errorSchema },
    },
    handler: (request) => leadTransitions(ctx, request.auth, request.params.id),
  });
};
