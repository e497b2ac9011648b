import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { emailLocalKeySql, lastNameKeySql, phoneKeySql } from './lead-match-keys';

/*
 * One schema for PGlite and PostgreSQL. Every tenant-owned table leads its primary key and its indexes with
 * tenant_id, so the data model shards on Citus by tenant_id unchanged (ADR 0002). Instants that scoring does
 * arithmetic on (engagement as_of, bucket windows) are epoch milliseconds in bigint columns: the decay maths
 * works in milliseconds and a timestamptz round trip would cost precision and conversions on the hot path.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const epochMs = (name: string) => bigint(name, { mode: 'number' });

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** sha256 of the key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('api_keys_key_hash_uq').on(t.keyHash)],
);

export const users = pgTable(
  'users',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull().default('rep'),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the session token held in the cookie. */
    tokenHash: text('token_hash').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_tenant_user_idx').on(t.tenantId, t.userId)],
);

export const policies = pgTable(
  'policies',
  {
    tenantId: uuid('tenant_id').notNull(),
    version: integer('version').notNull(),
    policy: jsonb('policy').notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

export const accounts = pgTable(
  'accounts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    domain: text('domain'),
    industry: text('industry'),
    employees: integer('employees'),
    annualRevenue: doublePrecision('annual_revenue'),
    country: text('country'),
    technologies: text('technologies').array().notNull().default(sql`'{}'::text[]`),
    custom: jsonb('custom').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('accounts_tenant_domain_uq').on(t.tenantId, t.domain),
    index('accounts_tenant_name_idx').on(t.tenantId, t.name),
  ],
);

export const leads = pgTable(
  'leads',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id'),
    email: text('email').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    title: text('title'),
    seniority: text('seniority'),
    department: text('department'),
    phone: text('phone'),
    country: text('country'),
    source: text('source'),
    ownerId: uuid('owner_id'),
    custom: jsonb('custom').notNull().default({}),
    stage: text('stage').notNull().default('lead'),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    disqualificationReason: text('disqualification_reason'),
    firstHandRaiseAt: timestamp('first_hand_raise_at', { withTimezone: true, mode: 'date' }),
    firstContactedAt: timestamp('first_contacted_at', { withTimezone: true, mode: 'date' }),
    /** P(convert) from the tenant's active model; null while the tenant is in cold start. */
    predictedProbability: doublePrecision('predicted_probability'),
    predictedModelId: uuid('predicted_model_id'),
    predictedAt: timestamp('predicted_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('leads_tenant_email_uq').on(t.tenantId, t.email),
    index('leads_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id),
    index('leads_tenant_stage_idx').on(t.tenantId, t.stage),
    index('leads_tenant_account_idx').on(t.tenantId, t.accountId),
    // Duplicate candidates (modules/duplicates): same last name, same mailbox name, same phone line.
    index('leads_tenant_last_name_key_idx')
      .on(t.tenantId, sql.raw(lastNameKeySql('last_name')))
      .where(sql`last_name is not null`),
    index('leads_tenant_email_local_key_idx').on(t.tenantId, sql.raw(emailLocalKeySql('email'))),
    index('leads_tenant_phone_key_idx')
      .on(t.tenantId, sql.raw(phoneKeySql('phone')))
      .where(sql`phone is not null`),
    // Hand-raisers nobody has answered yet (modules/follow-up): the speed-to-lead queue and sweep walk only these.
    index('leads_tenant_waiting_hand_raise_idx')
      .on(t.tenantId, t.firstHandRaiseAt, t.id)
      .where(
        sql`first_hand_raise_at is not null and (first_contacted_at is null or first_contacted_at < first_hand_raise_at)`,
      ),
  ],
);

/** The append-only behavioural ledger; a client event id is accepted once per tenant. */
export const events = pgTable(
  'events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: text('id').notNull(),
    leadId: uuid('lead_id').notNull(),
    type: text('type').notNull(),
    occurredAt: epochMs('occurred_at').notNull(),
    receivedAt: createdAt(),
    properties: jsonb('properties'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('events_tenant_lead_time_idx').on(t.tenantId, t.leadId, t.occurredAt),
  ],
);

/**
 * A lead's scores, apart from the lead's facts: every event rewrites the engagement and every policy change the
 * fit, and a narrow row with three indexes costs a fraction of rewriting the wide `leads` row and its indexes
 * (ADR 0006). One row per lead, written with the lead. Per-type caps are not stored: the windows they need are
 * read back from the ledger.
 */
export const leadScores = pgTable(
  'lead_scores',
  {
    tenantId: uuid('tenant_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    fitScore: smallint('fit_score').notNull().default(0),
    fitKnockedOut: boolean('fit_knocked_out').notNull().default(false),
    /** The policy version the fit (and engagement) were computed with; a re-score resumes from the lower ones. */
    policyVersion: integer('policy_version').notNull().default(0),
    engagementValue: doublePrecision('engagement_value').notNull().default(0),
    engagementAsOf: epochMs('engagement_as_of').notNull().default(0),
    /** log2(value) + as_of / half-life: orders leads by heat now, for every now (ADR 0003). */
    hotKey: doublePrecision('hot_key'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.leadId] }),
    // One heat index serves the hot list (closed stages filtered while walking it) and every list sorted by heat.
    index('lead_scores_tenant_heat_idx').on(t.tenantId, t.hotKey.desc().nullsLast(), t.leadId),
    index('lead_scores_tenant_fit_idx').on(t.tenantId, t.fitScore.desc(), t.leadId),
  ],
);

export const stageTransitions = pgTable(
  'stage_transitions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    /** Insertion order: breaks ties between transitions made in the same instant (creation, then a rule). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    leadId: uuid('lead_id').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    reason: text('reason'),
    note: text('note'),
    /** user | api_key | rule | import | demo */
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    rule: text('rule'),
    why: text('why'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('transitions_tenant_lead_at_idx').on(t.tenantId, t.leadId, t.at),
    index('transitions_tenant_at_idx').on(t.tenantId, t.at),
  ],
);

export const assessments = pgTable(
  'assessments',
  {
    tenantId: uuid('tenant_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    framework: text('framework').notNull(),
    frameworkVersion: integer('framework_version').notNull(),
    /** criterion key → { status, evidence, source, confidence, updatedAt } */
    criteria: jsonb('criteria').notNull(),
    result: text('result').notNull(),
    updatedBy: text('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.leadId, t.framework] })],
);

/** Call notes and transcripts with the analysis made when they were saved (spans point into `text`). */
export const notes = pgTable(
  'notes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    leadId: uuid('lead_id').notNull(),
    text: text('text').notNull(),
    referenceDate: text('reference_date').notNull(),
    framework: text('framework').notNull(),
    analysis: jsonb('analysis').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('notes_tenant_lead_idx').on(t.tenantId, t.leadId, t.createdAt),
  ],
);

/**
 * Trained predictive models, one row per version. At most one is active per tenant; the others stay for
 * rollback. A partial unique index allows one training at a time per tenant.
 */
export const models = pgTable(
  'models',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    version: integer('version').notNull(),
    /** training | ready | failed */
    status: text('status').notNull(),
    active: boolean('active').notNull().default(false),
    /** The core TrainedModel (JSON), null until trained. */
    model: jsonb('model'),
    /** Time-ordered holdout evaluation: metrics, reliability table, lift by band, naive-Bayes baseline. */
    metrics: jsonb('metrics'),
    trainingRows: integer('training_rows'),
    won: integer('won'),
    lost: integer('lost'),
    features: jsonb('features'),
    /** Only leads closed by this instant were used. */
    dataCutoff: timestamp('data_cutoff', { withTimezone: true, mode: 'date' }).notNull(),
    /** on_demand | schedule */
    trigger: text('trigger').notNull().default('on_demand'),
    requestedBy: text('requested_by'),
    error: text('error'),
    createdAt: createdAt(),
    trainedAt: timestamp('trained_at', { withTimezone: true, mode: 'date' }),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('models_tenant_version_uq').on(t.tenantId, t.version),
    uniqueIndex('models_tenant_one_training_uq').on(t.tenantId).where(sql`status = 'training'`),
    uniqueIndex('models_tenant_one_active_uq').on(t.tenantId).where(sql`active`),
  ],
);

/** Which fields the tenant lets the model use; absent row = every available field. */
export const predictiveSettings = pgTable('predictive_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  /** When set, only these feature names are used. */
  fields: jsonb('fields'),
  /** Feature names never used, on top of the leakage guard. */
  excluded: jsonb('excluded').notNull().default([]),
  /** Whether the weekly schedule retrains this tenant. */
  scheduled: boolean('scheduled').notNull().default(true),
  updatedAt: updatedAt(),
});

/**
 * Outgoing webhook endpoints. The signing secret is kept as given (HMAC needs it, unlike an API key's hash) and
 * shown to the client once; after a rotation the previous secret still signs until `previous_secret_until`.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The transactional outbox: an event is written in the transaction of the change it reports, so it exists
 * exactly when the change committed. The dispatcher fans it out into deliveries and stamps `dispatched_at`.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    /** The JSON body sent, byte for byte, on every attempt of every delivery. */
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('webhook_events_tenant_undispatched_idx')
      .on(t.tenantId, t.createdAt)
      .where(sql`dispatched_at is null`),
  ],
);

/** One event to one endpoint: its id is the delivery id receivers dedupe on, the same on every retry. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    webhookId: uuid('webhook_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** pending | delivered | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a pending delivery is due; while an attempt runs, the end of its lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('webhook_deliveries_tenant_webhook_idx').on(t.tenantId, t.webhookId, t.createdAt.desc()),
    index('webhook_deliveries_tenant_due_idx').on(t.tenantId, t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery, for the integrator's log. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    tenantId: uuid('tenant_id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
    /** The start of the response body, to see what the receiver said. */
    responseExcerpt: text('response_excerpt'),
    nextRetryAt: timestamp('next_retry_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.deliveryId, t.attempt] })],
);

/**
 * A merged lead's tombstone: the lead row is gone (its events, history, notes and assessments moved to the
 * survivor), and this row answers for its id and its email. `merged_into` follows later merges of the survivor,
 * so an old id always leads to the lead that holds its history now.
 */
export const leadMerges = pgTable(
  'lead_merges',
  {
    tenantId: uuid('tenant_id').notNull(),
    mergedLeadId: uuid('merged_lead_id').notNull(),
    /** The lead it was merged into at the time. */
    survivorId: uuid('survivor_id').notNull(),
    /** The lead that holds its history now (the survivor, or what the survivor was merged into since). */
    mergedInto: uuid('merged_into').notNull(),
    /** The address that lost its lead row in the merge: events sent to it go to `merged_into`. */
    email: text('email').notNull(),
    /** The duplicate as it was, with its assessments: nothing a merge overwrote is lost. */
    snapshot: jsonb('snapshot').notNull(),
    changes: jsonb('changes').notNull(),
    moved: jsonb('moved').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    mergedAt: timestamp('merged_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.mergedLeadId] }),
    index('lead_merges_tenant_merged_into_idx').on(t.tenantId, t.mergedInto),
    index('lead_merges_tenant_email_idx').on(t.tenantId, t.email),
  ],
);

/**
 * A rep's logged contact with a lead (call, email, meeting, LinkedIn message). One at or after the hand-raise stops
 * the speed-to-lead clock; any touch is activity, so it resets the gone-quiet count.
 */
export const followUpTouches = pgTable(
  'follow_up_touches',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    leadId: uuid('lead_id').notNull(),
    /** call | email | meeting | linkedin */
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    note: text('note'),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('follow_up_touches_tenant_lead_at_idx').on(t.tenantId, t.leadId, t.at),
  ],
);

/**
 * What the follow-up sweep has announced for a lead, one row per lead. Each kind of alert remembers the instant its
 * episode started from (the hand-raise for a breach or an escalation, the last activity for a silence), so a sweep
 * that runs twice announces once, and a lead that goes quiet again after new activity is a new episode.
 */
export const followUpAlerts = pgTable(
  'follow_up_alerts',
  {
    tenantId: uuid('tenant_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    breachedFor: timestamp('breached_for', { withTimezone: true, mode: 'date' }),
    breachedAt: timestamp('breached_at', { withTimezone: true, mode: 'date' }),
    escalatedFor: timestamp('escalated_for', { withTimezone: true, mode: 'date' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    quietFor: timestamp('quiet_for', { withTimezone: true, mode: 'date' }),
    quietAt: timestamp('quiet_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.leadId] })],
);
