import {
  errorSchema,
  policyInputSchema,
  policySimulationInputSchema,
  policySimulationSchema,
  policyUpdateResultSchema,
  policyViewSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { toPolicyView } from './policy.service';
import { simulatePolicyDraft } from './policy-simulation.service';
import { updatePolicy } from './policy-update.service';

export const policyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['policy'];
  app.get('/policy', {
    schema: { tags, summary: 'The live scoring policy and its version', response: { 200: policyViewSchema } },
    handler: async (request) => toPolicyView(await ctx.policies.get(request.auth.tenantId)),
  });
  app.put('/policy', {
    schema: {
      tags,
      summary: 'Publish a new policy version; every lead is rescored before the answer',
      body: policyInputSchema,
      response: { 201: policyUpdateResultSchema, 400: errorSchema, 409: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await updatePolicy(ctx, request.auth, request.body)),
  });
  app.post('/policy/simulate', {
    schema: {
      tags,
      summary:
        'Replay a draft policy and the live one over the leads created in a period (default: the last 90 days) and ' +
        'compare what they would have qualified and how those leads really turned out; nothing is stored',
      body: policySimulationInputSchema,
      response: { 200: policySimulationSchema, 400: errorSchema, 422: errorSchema },
    },
    handler: async (request) => simulatePolicyDraft(ctx, request.auth, request.body),
  });
};
