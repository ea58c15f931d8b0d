-- CreateEnum
CREATE TYPE "ExecutorStatus" AS ENUM ('CONNECTED', 'DISCONNECTED', 'DEAD');

-- CreateTable
CREATE TABLE "executors" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "executor_id" TEXT NOT NULL,
    "application_version" TEXT NOT NULL,
    "hostname" TEXT,
    "language" TEXT NOT NULL,
    "sdk_version" TEXT NOT NULL,
    "metadata" JSONB,
    "status" "ExecutorStatus" NOT NULL,
    "api_key_id" UUID,
    "connected_at" TIMESTAMPTZ(3) NOT NULL,
    "disconnected_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executors_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "executors_organization_id_idx" ON "executors"("organization_id");

-- CreateIndex
CREATE INDEX "executors_application_id_status_idx" ON "executors"("application_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "executors_application_id_executor_id_key" ON "executors"("application_id", "executor_id");

-- AddForeignKey
ALTER TABLE "executors" ADD CONSTRAINT "executors_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executors" ADD CONSTRAINT "executors_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
