CREATE TABLE "accounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"industry" text,
	"employees" integer,
	"annual_revenue" double precision,
	"country" text,
	"technologies" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"framework" text NOT NULL,
	"framework_version" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"result" text NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_tenant_id_lead_id_framework_pk" PRIMARY KEY("tenant_id","lead_id","framework")
);
--> statement-breakpoint
CREATE TABLE "engagement_buckets" (
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"type" text NOT NULL,
	"window_start" bigint NOT NULL,
	"raw" double precision NOT NULL,
	"decayed" double precision NOT NULL,
	"as_of" bigint NOT NULL,
	CONSTRAINT "engagement_buckets_tenant_id_lead_id_type_window_start_pk" PRIMARY KEY("tenant_id","lead_id","type","window_start")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_at" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"properties" jsonb,
	CONSTRAINT "events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid,
	"email" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"title" text,
	"seniority" text,
	"department" text,
	"phone" text,
	"country" text,
	"source" text,
	"owner_id" uuid,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disqualification_reason" text,
	"fit_score" smallint DEFAULT 0 NOT NULL,
	"fit_knocked_out" boolean DEFAULT false NOT NULL,
	"engagement_value" double precision DEFAULT 0 NOT NULL,
	"engagement_as_of" bigint DEFAULT 0 NOT NULL,
	"hot_key" double precision,
	"policy_version" integer DEFAULT 0 NOT NULL,
	"first_hand_raise_at" timestamp with time zone,
	"first_contacted_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_tenant_id_version_pk" PRIMARY KEY("tenant_id","version")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_transitions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "stage_transitions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lead_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"reason" text,
	"note" text,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"rule" text,
	"why" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_transitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT 'rep' NOT NULL,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_tenant_domain_uq" ON "accounts" USING btree ("tenant_id","domain");--> statement-breakpoint
CREATE INDEX "accounts_tenant_name_idx" ON "accounts" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_uq" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "events_tenant_lead_time_idx" ON "events" USING btree ("tenant_id","lead_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_tenant_email_uq" ON "leads" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "leads_tenant_hot_idx" ON "leads" USING btree ("tenant_id","hot_key" DESC NULLS LAST,"id") WHERE stage not in ('customer', 'closed_lost', 'disqualified');--> statement-breakpoint
CREATE INDEX "leads_tenant_fit_idx" ON "leads" USING btree ("tenant_id","fit_score" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "leads_tenant_created_idx" ON "leads" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "leads_tenant_stage_idx" ON "leads" USING btree ("tenant_id","stage");--> statement-breakpoint
CREATE INDEX "leads_tenant_account_idx" ON "leads" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE INDEX "leads_tenant_policy_idx" ON "leads" USING btree ("tenant_id","policy_version");--> statement-breakpoint
CREATE INDEX "sessions_tenant_user_idx" ON "sessions" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "transitions_tenant_lead_at_idx" ON "stage_transitions" USING btree ("tenant_id","lead_id","at");--> statement-breakpoint
CREATE INDEX "transitions_tenant_at_idx" ON "stage_transitions" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree (lower("email"));