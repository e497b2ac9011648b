import {
  assessmentInputSchema,
  assessmentViewSchema,
  errorSchema,
  frameworkListSchema,
  frameworkParams,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { getAssessment, listFrameworks, putAssessment } from './assessments.service';

export const assessmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['frameworks'];
  app.get('/frameworks', {
    schema: {
      tags,
      summary:
        'Qualification frameworks with their criteria and questions: the built-in ones, then the workspace’s own (policy.frameworks.custom)',
      response: { 200: frameworkListSchema },
    },
    handler: (request) => listFrameworks(ctx, request.auth),
  });
  app.get('/leads/:id/assessments/:framework', {
    schema: {
      tags,
      summary: "The lead's evaluation: verdict, failing level, missing criteria, next questions",
      params: frameworkParams,
      response: { 200: assessmentViewSchema, 404: errorSchema },
    },
    handler: (request) => getAssessment(ctx, request.auth, request.params.id, request.params.framework),
  });
  app.put('/leads/:id/assessments/:framework', {
    schema: {
      tags,
      summary: "Set the lead's criterion statuses and evidence for a framework",
      params: frameworkParams,
      body: assessmentInputSchema,
      response: { 200: assessmentViewSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) =>
      putAssessment(ctx, request.auth, request.params.id, request.params.framework, request.body),
  });
};
