import {
  activateResultSchema,
  errorSchema,
  idParams,
  modelAnalyticsSchema,
  modelListSchema,
  modelSchema,
  predictiveSettingsPatchSchema,
  predictiveSettingsSchema,
  trainResultSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  activateModel,
  getModelView,
  getSettings,
  listModelViews,
  modelAnalytics,
  updateSettings,
} from './predictive.service';
import { requestTraining } from './training.service';

export const predictiveRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['predictive'];
  app.post('/models/train', {
    schema: {
      tags,
      summary:
        'Train a model on the closed leads (a background job; poll GET /v1/models/{id}). Refused with the counts while history is too thin',
      body: z.object({}).strict().nullish(),
      response: { 202: trainResultSchema, 400: errorSchema, 409: errorSchema, 503: errorSchema },
    },
    handler: async (request, reply) => {
      const actor = `${request.auth.actor.kind}:${request.auth.actor.id}`;
      return reply.status(202).send(await requestTraining(ctx, request.auth.tenantId, actor, 'on_demand'));
    },
  });
  app.get('/models', {
    schema: {
      tags,
      summary: 'Model versions, newest first, with held-out metrics beside the naive-Bayes baseline',
      response: { 200: modelListSchema },
    },
    handler: (request) => listModelViews(ctx, request.auth.tenantId),
  });
  app.get('/models/settings', {
    schema: {
      tags,
      summary: 'Which fields the model may use, and whether the weekly retraining runs',
      response: { 200: predictiveSettingsSchema },
    },
    handler: (request) => getSettings(ctx, request.auth.tenantId),
  });
  app.patch('/models/settings', {
    schema: {
      tags,
      summary: 'Change the field list (applies from the next training) or the weekly retraining',
      body: predictiveSettingsPatchSchema,
      response: { 200: predictiveSettingsSchema, 400: errorSchema },
    },
    handler: (request) => updateSettings(ctx, request.auth.tenantId, request.body),
  });
  app.get('/models/:id', {
    schema: {
      tags,
      summary: 'One model version',
      params: idParams,
      response: { 200: modelSchema, 404: errorSchema },
    },
    handler: (request) => getModelView(ctx, request.auth.tenantId, request.params.id),
  });
  app.post('/models/:id/activate', {
    schema: {
      tags,
      summary:
        'Make this version the active model and re-predict open leads before answering; activating an older version is the rollback',
      params: idParams,
      response: { 200: activateResultSchema, 404: errorSchema, 409: errorSchema },
    },
    handler: (request) => activateModel(ctx, request.auth.tenantId, request.params.id),
  });
  app.get('/analytics/model', {
    schema: {
      tags: ['analytics', ...tags],
      summary:
        "The active model's held-out reliability curve and lift by score band, and open leads per band",
      response: { 200: modelAnalyticsSchema },
    },
    handler: (request) => modelAnalytics(ctx, request.auth.tenantId),
  });
};
