CREATE TABLE "lead_merges" (
	"tenant_id" uuid NOT NULL,
	"merged_lead_id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_into" uuid NOT NULL,
	"email" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"moved" jsonb NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"merged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lead_merges_tenant_id_merged_lead_id_pk" PRIMARY KEY("tenant_id","merged_lead_id")
);
--> statement-breakpoint
CREATE INDEX "lead_merges_tenant_merged_into_idx" ON "lead_merges" USING btree ("tenant_id","merged_into");--> statement-breakpoint
CREATE INDEX "lead_merges_tenant_email_idx" ON "lead_merges" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "leads_tenant_last_name_key_idx" ON "leads" USING btree ("tenant_id",translate(lower(btrim(last_name)), 'ąàáâãäåāćčçďęèéêëēěìíîïīłľĺńňñòóôõöøōřŕśšşťùúûüůūýÿźżž', 'aaaaaaaacccdeeeeeeeiiiiilllnnnooooooorrssstuuuuuuyyzzz')) WHERE last_name is not null;--> statement-breakpoint
CREATE INDEX "leads_tenant_email_local_key_idx" ON "leads" USING btree ("tenant_id",replace(regexp_replace(split_part(email, '@', 1), '[+].*$', ''), '.', ''));--> statement-breakpoint
CREATE INDEX "leads_tenant_phone_key_idx" ON "leads" USING btree ("tenant_id",right(regexp_replace(phone, '[^0-9]', '', 'g'), 9)) WHERE phone is not null;