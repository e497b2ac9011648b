import rateLimit from '@fastify/rate-limit';
import {
  errorSchema,
  SESSION_COOKIE,
  type SignIn,
  sessionSchema,
  signInSchema,
  userListSchema,
} from '@triage/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { HttpError } from '../../http-error';
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

/** Attempts one client may make at one account's password before it has to wait for the window to pass. */
export const SIGN_IN_ATTEMPTS = { max: 10, windowMs: 15 * 60_000 } as const;

/**
 * Sign-in is the one /v1 route that needs no credentials; it lives outside the authenticated scope. Attempts are
 * counted per client address and email (after the body is validated, so the email is known): enough for a person
 * who mistypes, too few to guess a password, and one client guessing cannot lock other people out.
 */
export const signInRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        context.statusCode,
        'too_many_attempts',
        `Too many sign-in attempts for this email from this address; try again in ${context.after}.`,
      ),
  });
  app.post('/session', {
    config: {
      rateLimit: {
        max: SIGN_IN_ATTEMPTS.max,
        timeWindow: SIGN_IN_ATTEMPTS.windowMs,
        keyGenerator: (request) => `${request.ip} ${(request.body as SignIn).email.toLowerCase()}`,
      },
    },
    schema: {
      tags: ['session'],
      summary: `Sign in with email and password; sets an httpOnly session cookie. At most ${SIGN_IN_ATTEMPTS.max} attempts per client and email in ${SIGN_IN_ATTEMPTS.windowMs / 60_000} minutes (429 with Retry-After beyond).`,
      security: [],
      body: signInSchema,
      response: { 201: sessionSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema },
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
