import { errorSchema, SESSION_COOKIE, sessionSchema, signInSchema, userListSchema } from '@triage/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { HttpError } from '../../http-error';
import { SIGN_IN_ATTEMPTS, SignInThrottle } from './sign-in-throttle';
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

/**
 * Sign-in is the one /v1 route that needs no credentials; it lives outside the authenticated scope. Failed
 * attempts are counted per client address and email: enough for a person who mistypes, too few to guess a
 * password, and one client guessing cannot lock other people out (sign-in-throttle.ts).
 */
export const signInRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const throttle = new SignInThrottle(ctx.now);
  app.post('/session', {
    schema: {
      tags: ['session'],
      summary: `Sign in with email and password; sets an httpOnly session cookie. After ${SIGN_IN_ATTEMPTS.max} failed attempts by one client for one email, it waits ${SIGN_IN_ATTEMPTS.windowMs / 60_000} minutes (429 with Retry-After).`,
      security: [],
      body: signInSchema,
      response: { 201: sessionSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema },
    },
    handler: async (request, reply) => {
      const key = `${request.ip} ${request.body.email.toLowerCase()}`;
      const wait = throttle.waitMs(key);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins for this email from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        );
      }
      const { token, session } = await signIn(ctx, request.body).catch((error: unknown) => {
        if (error instanceof HttpError && error.statusCode === 401) throttle.failed(key);
        throw error;
      });
      throttle.succeeded(key);
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
