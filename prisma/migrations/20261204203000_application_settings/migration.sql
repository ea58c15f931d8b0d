-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "gc_rows_threshold" BIGINT,
ADD COLUMN     "gc_time_threshold_ms" BIGINT,
ADD COLUMN     "global_timeout_ms" BIGINT,
ADD COLUMN     "private_mode" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "retention_push_detail" TEXT,
ADD COLUMN     "retention_push_executor_id" TEXT,
ADD COLUMN     "retention_push_outcome" TEXT,
ADD COLUMN     "retention_pushed_at" TIMESTAMPTZ(3);
