import {
  accountInputSchema,
  accountListQuery,
  accountListSchema,
  accountPatchSchema,
  accountSchema,
  errorSchema,
  idParams,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { createAccount, getAccount, listAccountsView, patchAccount } from './accounts.service';

export const accountsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['accounts'];
  app.post('/accounts', {
    schema: {
      tags,
      summary: 'Create an account',
      body: accountInputSchema,
      response: { 201: accountSchema, 400: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createAccount(ctx, request.auth, request.body)),
  });
  app.get('/accounts', {
    schema: {
      tags,
      summary: 'List accounts by name',
      querystring: accountListQuery,
      response: { 200: accountListSchema, 400: errorSchema },
    },
    handler: (request) => listAccountsView(ctx, request.auth, request.query),
  });
  app.get('/accounts/:id', {
    schema: {
      tags,
      summary: 'Get an account',
      params: idParams,
      response: { 200: accountSchema, 404: errorSchema },
    },
    handler: (request) => getAccount(ctx, request.auth, request.params.id),
  });
  app.patch('/accounts/:id', {
    schema: {
      tags,
      summary: 'Change an account (its leads are rescored)',
      params: idParams,
      body: accountPatchSchema,
      response: { 200: accountSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) => patchAccount(ctx, request.auth, request.params.id, request.body),
  });
};
