import swagger from '@fastify/swagger';
import apiReference from '@scalar/fastify-api-reference';
import { webhookPayloadSchema } from '@triage/contracts';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppContext, createContext } from './context';
import type { Database } from './db/create-db';
import { streamRoutes } from './live/stream.routes';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { analyticsRoutes } from './modules/analytics/analytics.routes';
import { assessmentsRoutes } from './modules/assessments/assessments.routes';
import { duplicatesRoutes } from './modules/duplicates/duplicates.routes';
import { eventsRoutes } from './modules/events/events.routes';
import { followUpJobs } from './modules/follow-up/follow-up.jobs';
import { followUpRoutes } from './modules/follow-up/follow-up.routes';
import { leadsRoutes } from './modules/leads/leads.routes';
import { notesRoutes } from './modules/notes/notes.routes';
import { policyRoutes } from './modules/policy/policy.routes';
import { predictiveJobs } from './modules/predictive/predictive.jobs';
import { predictiveRoutes } from './modules/predictive/predictive.routes';
import { apiKeysRoutes } from './modules/tenants/api-keys.routes';
import { sessionRoutes, signInRoutes } from './modules/users/users.routes';
import { resolveWebhookSettings, type WebhookOptions } from './modules/webhooks/webhook-settings';
import { webhookJobs } from './modules/webhooks/webhooks.jobs';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes';
import { authPlugin, requireAuthentication } from './plugins/auth';
import { errorHandlerPlugin } from './plugins/error-handler';
import { jobsPlugin } from './plugins/jobs';
import { jsonBodyPlugin } from './plugins/json-body';
import { webAppAvailable, webAppPlugin } from './plugins/web-app';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** The clock services read; tests move it to check decay. */
  now?: () => number;
  /** The built web app's folder; by default packages/web/dist, served only when it has been built. */
  webRoot?: string | false;
  /**
   * Start the durable job runner (pg-boss in this database): model training and its weekly schedule. Off by
   * default so that building an app stays fast; the server turns it on.
   */
  jobs?: boolean | { retrainCron?: string; pollingIntervalSeconds?: number };
  /** Outgoing webhooks: SSRF guard, timeout, retry schedule (deliveries run with the jobs). */
  webhooks?: WebhookOptions;
}

/** Builds the whole HTTP app; it never listens (main.ts and the CLI do), so tests drive it with inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance & { ctx: AppContext }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const ctx = createContext(options.database, options.now);
  const webhookSettings = resolveWebhookSettings(options.webhooks);
  app.decorate('ctx', ctx);
  ctx.predictions.onError = (error, tenantId, leadIds) =>
    app.log.error({ err: error, tenantId, leads: leadIds.length }, 'background re-prediction failed');
  // Re-predictions still queued are written before the caller closes the database.
  app.addHook('onClose', () => ctx.predictions.close());

  await app.register(errorHandlerPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Triage API',
        version: '1.0.0',
        description:
          'Lead qualification: fit, heat, stages, frameworks. Authenticate with `Authorization: Bearer <api key>`, or sign in (POST /v1/session) and send the session cookie plus the `x-csrf-token` header on unsafe requests.',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
        // What webhook receivers get: no route answers with it, so it is listed here.
        schemas: {
          WebhookPayload: z.toJSONSchema(webhookPayloadSchema, { target: 'openapi-3.0' }) as object,
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(authPlugin, { db: ctx.db, now: ctx.now });
  if (options.jobs) {
    const jobOptions = options.jobs === true ? {} : options.jobs;
    await app.register(jobsPlugin, {
      ctx,
      definitions: [
        ...predictiveJobs(ctx, jobOptions.retrainCron),
        ...webhookJobs(ctx, webhookSettings),
        ...followUpJobs(ctx, (error, tenantId) =>
          app.log.error({ err: error, tenantId }, 'follow-up sweep failed'),
        ),
      ],
      ...(jobOptions.pollingIntervalSeconds
        ? { pollingIntervalSeconds: jobOptions.pollingIntervalSeconds }
        : {}),
    });
  }

  app.get('/healthz', {
    schema: { hide: true, response: { 200: z.object({ ok: z.boolean(), database: z.string() }) } },
    handler: async () => ({ ok: true, database: ctx.database.kind }),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(apiReference, { routePrefix: '/docs', configuration: { url: '/openapi.json' } });

  await app.register(signInRoutes, { ctx, prefix: '/v1' });
  await app.register(
    async (v1) => {
      requireAuthentication(v1);
      await v1.register(accountsRoutes, { ctx });
      await v1.register(leadsRoutes, { ctx });
      await v1.register(duplicatesRoutes, { ctx });
      await v1.register(eventsRoutes, { ctx });
      await v1.register(assessmentsRoutes, { ctx });
      await v1.register(notesRoutes, { ctx });
      await v1.register(followUpRoutes, { ctx });
      await v1.register(policyRoutes, { ctx });
      await v1.register(analyticsRoutes, { ctx });
      await v1.register(predictiveRoutes, { ctx });
      await v1.register(sessionRoutes, { ctx });
      await v1.register(streamRoutes, { ctx });
      await v1.register(apiKeysRoutes, { ctx });
      await v1.register(webhooksRoutes, { ctx, settings: webhookSettings });
    },
    { prefix: '/v1' },
  );
  const webRoot = options.webRoot ?? undefined;
  if (webRoot !== false && webAppAvailable(webRoot))
    await app.register(webAppPlugin, webRoot ? { root: webRoot } : {});
  await app.ready();
  return app as unknown as FastifyInstance & { ctx: AppContext };
}
