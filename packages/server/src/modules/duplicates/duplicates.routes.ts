import {
  errorSchema,
  idParams,
  leadDuplicatesQuery,
  leadDuplicatesSchema,
  leadMergeListSchema,
  mergedLeadErrorSchema,
  mergeInputSchema,
  mergeResultSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { leadDuplicates, leadMerges } from './duplicates.service';
import { mergeLeads } from './merge.service';

export const duplicatesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['duplicates'];
  app.get('/leads/:id/duplicates', {
    schema: {
      tags,
      summary: 'Likely and possible duplicates of a lead, each with its score and the evidence behind it',
      params: idParams,
      querystring: leadDuplicatesQuery,
      response: { 200: leadDuplicatesSchema, 400: errorSchema, 404: mergedLeadErrorSchema },
    },
    handler: (request) => leadDuplicates(ctx, request.auth, request.params.id, request.query),
  });
  app.post('/leads/:id/merge', {
    schema: {
      tags,
      summary:
        'Merge a duplicate into this lead: events, history, notes and assessments move over, the duplicate becomes a tombstone',
      params: idParams,
      body: mergeInputSchema,
      response: {
        200: mergeResultSchema,
        400: errorSchema,
        404: mergedLeadErrorSchema,
        409: mergedLeadErrorSchema,
      },
    },
    handler: (request) => mergeLeads(ctx, request.auth, request.params.id, request.body),
  });
  app.get('/leads/:id/merges', {
    schema: {
      tags,
      summary: 'The leads merged into this one: who merged them, when, and what changed',
      params: idParams,
      response: { 200: leadMergeListSchema, 404: mergedLeadErrorSchema },
    },
    handler: (request) => leadMerges(ctx, request.auth, request.params.id),
  });
};
