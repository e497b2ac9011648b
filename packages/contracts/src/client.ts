import type { z } from 'zod';
import { accountSchema } from './accounts.schemas';
import {
  type CONVERSION_DIMENSIONS,
  conversionSchema,
  funnelSchema,
  icpInsightsSchema,
  speedToLeadSchema,
} from './analytics.schemas';
import { apiKeyListSchema, createdApiKeySchema, type NewApiKeyInput } from './api-keys.schemas';
import { type AssessmentInput, assessmentViewSchema, frameworkListSchema } from './assessments.schemas';
import type { ErrorBody } from './common.schemas';
import {
  leadDuplicatesSchema,
  leadMergeListSchema,
  type MergeInput,
  mergedLeadErrorSchema,
  mergeResultSchema,
} from './duplicates.schemas';
import { type EventInput, eventBatchResultSchema, leadEventListSchema } from './events.schemas';
import {
  type FollowUpQueueKind,
  followUpQueueSchema,
  leadWithFollowUpSchema,
  type TouchInput,
  touchListSchema,
  touchResultSchema,
} from './follow-up.schemas';
import {
  type LeadInput,
  type LeadPatch,
  leadListSchema,
  leadSchema,
  leadScoreSchema,
  type TransitionInput,
  transitionListSchema,
  transitionResultSchema,
} from './leads.schemas';
import { type NoteInput, noteListSchema, noteResultSchema } from './notes.schemas';
import { type PolicyInput, policyUpdateResultSchema, policyViewSchema } from './policy.schemas';
import { type PolicySimulationInput, policySimulationSchema } from './policy-simulation.schemas';
import {
  activateResultSchema,
  modelAnalyticsSchema,
  modelListSchema,
  modelSchema,
  trainResultSchema,
} from './predictive.schemas';
import { CSRF_HEADER, type SignIn, sessionSchema, userListSchema } from './session.schemas';

/** An error body; a merged lead's 404 (`lead_merged`) and a 409 `already_merged` also name `mergedInto`. */
export type ApiErrorBody = ErrorBody & { mergedInto?: string | undefined };

/** A non-2xx answer from the API, with the server's { error, message, issues?, allowed?, mergedInto? } body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** '' for the same origin (the web app), or e.g. 'http://localhost:3000'. */
  baseUrl?: string;
  /** Authenticates with a bearer key (CLI, integrations); the web app uses the session cookie instead. */
  apiKey?: string;
  /** The session's CSRF token, read on every unsafe request. */
  csrfToken?: () => string | null;
  fetch?: typeof fetch;
}

export interface LeadListParams {
  stage?: readonly string[];
  heat?: string;
  owner?: string;
  minFit?: number;
  q?: string;
  sort?: 'heat' | 'fit' | 'created';
  limit?: number;
  cursor?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | readonly string[] | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A typed client over the Triage HTTP API: every answer is checked against its contract schema. */
export function createClient(options: ClientOptions = {}) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<S extends z.ZodType>(
    schema: S | null,
    method: Method,
    path: string,
    body?: unknown,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    if (method !== 'GET') {
      const token = options.csrfToken?.();
      if (token) headers[CSRF_HEADER] = token;
    }
    const response = await doFetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const parsed = mergedLeadErrorSchema.safeParse(json);
      throw new ApiError(
        response.status,
        parsed.success ? parsed.data : { error: 'http_error', message: `HTTP ${response.status}` },
      );
    }
    return (schema ? schema.parse(json) : json) as z.output<S>;
  }

  return {
    signIn: (input: SignIn) => call(sessionSchema, 'POST', '/v1/session', input),
    signOut: () => call(null, 'DELETE', '/v1/session'),
    session: () => call(sessionSchema, 'GET', '/v1/session'),
    users: () => call(userListSchema, 'GET', '/v1/users'),
    apiKeys: () => call(apiKeyListSchema, 'GET', '/v1/api-keys'),
    createApiKey: (input: NewApiKeyInput) => call(createdApiKeySchema, 'POST', '/v1/api-keys', input),
    revokeApiKey: (id: string) => call(null, 'DELETE', `/v1/api-keys/${id}`),

    listLeads: (params: LeadListParams = {}) =>
      call(leadListSchema, 'GET', `/v1/leads${queryString({ ...params })}`),
    hotLeads: (limit = 50) =>
      call(leadListSchema.pick({ items: true }), 'GET', `/v1/leads/hot?limit=${limit}`),
    /** The lead with `followUp`: its speed-to-lead clock, silence and next action. */
    getLead: (id: string) => call(leadWithFollowUpSchema, 'GET', `/v1/leads/${id}`),
    createLead: (input: LeadInput) => call(leadSchema, 'POST', '/v1/leads', input),
    patchLead: (id: string, patch: LeadPatch) => call(leadSchema, 'PATCH', `/v1/leads/${id}`, patch),
    leadScore: (id: string) => call(leadScoreSchema, 'GET', `/v1/leads/${id}/score`),
    leadEvents: (id: string, limit = 100) =>
      call(leadEventListSchema, 'GET', `/v1/leads/${id}/events?limit=${limit}`),
    leadTransitions: (id: string) => call(transitionListSchema, 'GET', `/v1/leads/${id}/transitions`),
    transition: (id: string, input: TransitionInput) =>
      call(transitionResultSchema, 'POST', `/v1/leads/${id}/transitions`, input),
    getAccount: (id: string) => call(accountSchema, 'GET', `/v1/accounts/${id}`),

    ingestEvents: (events: EventInput[]) => call(eventBatchResultSchema, 'POST', '/v1/events', { events }),

    frameworks: () => call(frameworkListSchema, 'GET', '/v1/frameworks'),
    getAssessment: (id: string, framework: string) =>
      call(assessmentViewSchema, 'GET', `/v1/leads/${id}/assessments/${framework}`),
    putAssessment: (id: string, framework: string, input: AssessmentInput) =>
      call(assessmentViewSchema, 'PUT', `/v1/leads/${id}/assessments/${framework}`, input),

    /** The follow-up queue, most urgent first, with counts per kind. */
    followUps: (
      query: { kind?: FollowUpQueueKind; ownerId?: string; limit?: number; cursor?: string } = {},
    ) => call(followUpQueueSchema, 'GET', `/v1/follow-ups${queryString(query)}`),
    /** Logs a call, email, meeting or LinkedIn message; answers the lead's follow-up status after it. */
    logTouch: (id: string, input: TouchInput) =>
      call(touchResultSchema, 'POST', `/v1/leads/${id}/touches`, input),
    listTouches: (id: string) => call(touchListSchema, 'GET', `/v1/leads/${id}/touches`),

    /** The lead's likely (and, by default, possible) duplicates, best first, each with the evidence lines. */
    leadDuplicates: (id: string, query: { min?: 'likely' | 'possible'; limit?: number } = {}) =>
      call(leadDuplicatesSchema, 'GET', `/v1/leads/${id}/duplicates${queryString(query)}`),
    /** Folds `duplicateId` into the lead `id` (the survivor); 409 for two customers of different accounts without `force`. */
    mergeLead: (id: string, input: MergeInput) =>
      call(mergeResultSchema, 'POST', `/v1/leads/${id}/merge`, input),
    /** The merges into the lead: who, when, what changed and what moved. */
    leadMerges: (id: string) => call(leadMergeListSchema, 'GET', `/v1/leads/${id}/merges`),

    listNotes: (id: string) => call(noteListSchema, 'GET', `/v1/leads/${id}/notes`),
    addNote: (id: string, input: Partial<NoteInput> & { text: string }) =>
      call(noteResultSchema, 'POST', `/v1/leads/${id}/notes`, input),
    /** Applies the note's evidence for these criteria only (all of them when omitted); rep-set criteria stay. */
    applyNote: (id: string, noteId: string, criteria?: string[]) =>
      call(noteResultSchema, 'POST', `/v1/leads/${id}/notes/${noteId}/apply`, criteria ? { criteria } : {}),

    getPolicy: () => call(policyViewSchema, 'GET', '/v1/policy'),
    putPolicy: (input: PolicyInput) => call(policyUpdateResultSchema, 'PUT', '/v1/policy', input),
    /** Replays a draft against the live policy over a period's leads; nothing is stored. */
    simulatePolicy: (input: PolicySimulationInput) =>
      call(policySimulationSchema, 'POST', '/v1/policy/simulate', input),

    funnel: (query: { from?: string; to?: string } = {}) =>
      call(funnelSchema, 'GET', `/v1/analytics/funnel${queryString(query)}`),
    conversion: (by: (typeof CONVERSION_DIMENSIONS)[number]) =>
      call(conversionSchema, 'GET', `/v1/analytics/conversion?by=${by}`),
    icpInsights: () => call(icpInsightsSchema, 'GET', '/v1/analytics/icp-insights'),
    speedToLead: () => call(speedToLeadSchema, 'GET', '/v1/analytics/speed-to-lead'),
    modelAnalytics: () => call(modelAnalyticsSchema, 'GET', '/v1/analytics/model'),

    models: () => call(modelListSchema, 'GET', '/v1/models'),
    getModel: (id: string) => call(modelSchema, 'GET', `/v1/models/${id}`),
    trainModel: () => call(trainResultSchema, 'POST', '/v1/models/train', {}),
    activateModel: (id: string) => call(activateResultSchema, 'POST', `/v1/models/${id}/activate`),
  };
}

export type TriageClient = ReturnType<typeof createClient>;
