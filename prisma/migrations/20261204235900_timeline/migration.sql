-- CreateTable
CREATE TABLE "alert_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "rule_id" UUID,
    "rule_type" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "notified" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_events_organization_id_at_idx" ON "alert_events"("organization_id", "at" DESC);

-- CreateIndex
CREATE INDEX "alert_events_application_id_at_idx" ON "alert_events"("application_id", "at" DESC);

-- CreateIndex
CREATE INDEX "executors_application_id_disconnected_at_idx" ON "executors"("application_id", "disconnected_at" DESC);

-- CreateIndex
CREATE INDEX "executors_application_id_dead_at_idx" ON "executors"("application_id", "dead_at" DESC);

-- CreateIndex
CREATE INDEX "executors_application_id_recovered_at_idx" ON "executors"("application_id", "recovered_at" DESC);

-- CreateIndex
CREATE INDEX "executors_application_id_application_version_created_at_idx" ON "executors"("application_id", "application_version", "created_at");

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
