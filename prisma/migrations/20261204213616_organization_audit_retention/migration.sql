-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "audit_log_retention_days" INTEGER NOT NULL DEFAULT 90;
