CREATE TABLE "lead_scores" (
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"fit_score" smallint DEFAULT 0 NOT NULL,
	"fit_knocked_out" boolean DEFAULT false NOT NULL,
	"policy_version" integer DEFAULT 0 NOT NULL,
	"engagement_value" double precision DEFAULT 0 NOT NULL,
	"engagement_as_of" bigint DEFAULT 0 NOT NULL,
	"hot_key" double precision,
	"last_activity_at" timestamp with time zone,
	CONSTRAINT "lead_scores_tenant_id_lead_id_pk" PRIMARY KEY("tenant_id","lead_id")
);
--> statement-breakpoint
INSERT INTO "lead_scores" ("tenant_id", "lead_id", "fit_score", "fit_knocked_out", "policy_version", "engagement_value",
  "engagement_as_of", "hot_key", "last_activity_at")
SELECT l."tenant_id", l."id", l."fit_score", l."fit_knocked_out", l."policy_version", coalesce(e."value", 0),
  coalesce(e."as_of", 0), e."hot_key", e."last_activity_at"
FROM "leads" l LEFT JOIN "lead_engagement" e ON e."tenant_id" = l."tenant_id" AND e."lead_id" = l."id";
--> statement-breakpoint
CREATE INDEX "lead_scores_tenant_heat_idx" ON "lead_scores" USING btree ("tenant_id","hot_key" DESC NULLS LAST,"lead_id");--> statement-breakpoint
CREATE INDEX "lead_scores_tenant_fit_idx" ON "lead_scores" USING btree ("tenant_id","fit_score" DESC NULLS LAST,"lead_id");