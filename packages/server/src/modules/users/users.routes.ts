import { errorSchema, SESSION_COOKIE, sessionSchema, signInSchema, userListSchema } from '@triage/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { currentSession, SESSION_TTL_MS, signIn, signOut, usersOfTenant } from './users.service';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null) {
  reply.setCookie(SESSION_COOKIE, token ?? '', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: token ? SESSION_TTL_MS / 1000 : 0,
  });
}

/** Sign-in is the one /v1 route that needs no credentials; it lives outside the authenticated scope. */
export const signInRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with email and password; sets an httpOnly session cookie',
      security: [],
      body: signInSchema,
      response: { 201: sessionSchema, 400: errorSchema, 401: errorSchema },
    },
    handler: async (request, reply) => {
      const { token, session } = await signIn(ctx, request.body);
      setSessionCookie(request, reply, token);
      return reply.status(201).send(session);
    },
  });
};

export const sessionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['session'];
  app.get('/session', {
    schema: {
      tags,
      summary: 'The signed-in user, the workspace and the CSRF token for unsafe requests',
      response: { 200: sessionSchema, 404: errorSchema },
    },
    handler: (request) => currentSession(ctx, request.sessionTokenHash),
  });
  app.delete('/session', {
    schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await signOut(ctx, request.sessionTokenHash);
      setSessionCookie(request, reply, null);
      return reply.status(204).send(null);
    },
  });
  app.get('/users', {
    schema: {
      tags: ['users'],
      summary: 'The users of this workspace (lead owners)',
      response: { 200: userListSchema },
    },
    handler: (request) => usersOfTenant(ctx, request.auth),
  });
};
