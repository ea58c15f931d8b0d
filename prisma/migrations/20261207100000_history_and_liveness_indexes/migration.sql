-- Indexes for queries that grew with the history (each measured on 2M executors, 8M link
-- moments, 600k alert deliveries): an application's last disconnection and its recoveries
-- (alert evaluation, metrics scrapes), the replicas' recovery-claim foreign key (a replica's row
-- deleted cleared its claims by a scan), an application's last-known rows by last report, and
-- the alerts' history retention.

-- CreateIndex
CREATE INDEX "alert_deliveries_created_at_idx" ON "alert_deliveries"("created_at");

-- CreateIndex
CREATE INDEX "alert_events_at_idx" ON "alert_events"("at");

-- CreateIndex
CREATE INDEX "executors_application_id_disconnected_at_idx" ON "executors"("application_id", "disconnected_at");

-- CreateIndex
CREATE INDEX "executors_application_id_recovered_at_idx" ON "executors"("application_id", "recovered_at");

-- CreateIndex
CREATE INDEX "executors_recovery_claimed_by_idx" ON "executors"("recovery_claimed_by");

-- CreateIndex
CREATE INDEX "last_known_workflows_application_id_seen_at_idx" ON "last_known_workflows"("application_id", "seen_at");
