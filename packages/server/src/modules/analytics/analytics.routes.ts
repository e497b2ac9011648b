import { errorSchema, funnelQuery, funnelSchema } from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { funnel } from './funnel.service';

export const analyticsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/analytics/funnel', {
    schema: {
      tags: ['analytics'],
      summary: 'Leads per stage, stage-to-stage conversion, median time in stage, disqualification reasons',
      querystring: funnelQuery,
      response: { 200: funnelSchema, 400: errorSchema },
    },
    handler: (request) => funnel(ctx, request.auth, request.query),
  });
};
