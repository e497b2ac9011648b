DROP TABLE "engagement_buckets" CASCADE;--> statement-breakpoint
DROP INDEX "leads_tenant_heat_idx";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "engagement_value";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "engagement_as_of";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "hot_key";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "last_activity_at";