CREATE TABLE "models" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"model" jsonb,
	"metrics" jsonb,
	"training_rows" integer,
	"won" integer,
	"lost" integer,
	"features" jsonb,
	"data_cutoff" timestamp with time zone NOT NULL,
	"trigger" text DEFAULT 'on_demand' NOT NULL,
	"requested_by" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trained_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	CONSTRAINT "models_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "predictive_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"fields" jsonb,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scheduled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "predicted_probability" double precision;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "predicted_model_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "predicted_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "models_tenant_version_uq" ON "models" USING btree ("tenant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "models_tenant_one_training_uq" ON "models" USING btree ("tenant_id") WHERE status = 'training';--> statement-breakpoint
CREATE UNIQUE INDEX "models_tenant_one_active_uq" ON "models" USING btree ("tenant_id") WHERE active;