CREATE TABLE "follow_up_alerts" (
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"breached_for" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"escalated_for" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"quiet_for" timestamp with time zone,
	"quiet_at" timestamp with time zone,
	CONSTRAINT "follow_up_alerts_tenant_id_lead_id_pk" PRIMARY KEY("tenant_id","lead_id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_touches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_touches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "follow_up_touches_tenant_lead_at_idx" ON "follow_up_touches" USING btree ("tenant_id","lead_id","at");--> statement-breakpoint
CREATE INDEX "leads_tenant_waiting_hand_raise_idx" ON "leads" USING btree ("tenant_id","first_hand_raise_at","id") WHERE first_hand_raise_at is not null and (first_contacted_at is null or first_contacted_at < first_hand_raise_at);