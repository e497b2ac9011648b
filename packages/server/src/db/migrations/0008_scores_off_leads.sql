DROP TABLE "lead_engagement" CASCADE;--> statement-breakpoint
DROP INDEX "leads_tenant_fit_idx";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "fit_score";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "fit_knocked_out";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "policy_version";