import {
  conversionQuery,
  conversionSchema,
  errorSchema,
  funnelQuery,
  funnelSchema,
  icpInsightsSchema,
  speedToLeadSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { conversion, speedToLead } from './conversion.service';
import { funnel } from './funnel.service';
import { icpInsightsOf } from './icp-insights.service';

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
  app.get('/analytics/icp-insights', {
    schema: {
      tags: ['analytics'],
      summary:
        'The ICP checked against reality: attribute values the customers over- or under-index on against all leads, each with the ICP rule it suggests',
      response: { 200: icpInsightsSchema },
    },
    handler: (request) => icpInsightsOf(ctx, request.auth),
  });
  app.get('/analytics/conversion', {
    schema: {
      tags: ['analytics'],
      summary: 'Share of leads reaching SQL and customer, by source, fit band or heat band',
      querystring: conversionQuery,
      response: { 200: conversionSchema, 400: errorSchema },
    },
    handler: (request) => conversion(ctx, request.auth, request.query.by),
  });
  app.get('/analytics/speed-to-lead', {
    schema: {
      tags: ['analytics'],
      summary: 'How long hand-raisers waited for a first contact, and how many are still waiting',
      response: { 200: speedToLeadSchema },
    },
    handler: (request) => speedToLead(ctx, request.auth),
  });
};
