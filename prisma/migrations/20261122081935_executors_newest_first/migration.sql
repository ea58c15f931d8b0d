-- CreateIndex
CREATE INDEX "executors_application_id_connected_at_idx" ON "executors"("application_id", "connected_at" DESC);
