CREATE TABLE "lead_engagement" (
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"value" double precision DEFAULT 0 NOT NULL,
	"as_of" bigint DEFAULT 0 NOT NULL,
	"hot_key" double precision,
	"last_activity_at" timestamp with time zone,
	CONSTRAINT "lead_engagement_tenant_id_lead_id_pk" PRIMARY KEY("tenant_id","lead_id")
);
--> statement-breakpoint
INSERT INTO "lead_engagement" ("tenant_id", "lead_id", "value", "as_of", "hot_key", "last_activity_at")
SELECT "tenant_id", "id", "engagement_value", "engagement_as_of", "hot_key", "last_activity_at" FROM "leads";
--> statement-breakpoint
CREATE INDEX "lead_engagement_tenant_heat_idx" ON "lead_engagement" USING btree ("tenant_id","hot_key" DESC NULLS LAST,"lead_id");