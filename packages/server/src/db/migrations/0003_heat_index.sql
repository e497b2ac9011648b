DROP INDEX "leads_tenant_hot_idx";--> statement-breakpoint
CREATE INDEX "leads_tenant_heat_idx" ON "leads" USING btree ("tenant_id","hot_key" DESC NULLS LAST,"id");