import {
  errorSchema,
  policyInputSchema,
  policyUpdateResultSchema,
  policyViewSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { toPolicyView } from './policy.service';
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
};
