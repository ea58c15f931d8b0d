-- The audit log's filters, each newest first (measured on 2M entries of one organization; figures
-- in the commit): by operation (the old index found the operation's rows but sorted them all for
-- a page), by one target's history, and by who acted (shown name, user or API key id).

-- DropIndex
DROP INDEX "audit_events_organization_id_action_idx";

-- CreateIndex
CREATE INDEX "audit_events_organization_id_action_created_at_idx" ON "audit_events"("organization_id", "action", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_target_id_created_at_idx" ON "audit_events"("organization_id", "target_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_subject_display_created_at_idx" ON "audit_events"("organization_id", "subject_display", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_actor_user_id_created_at_idx" ON "audit_events"("organization_id", "actor_user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_actor_api_key_id_created_at_idx" ON "audit_events"("organization_id", "actor_api_key_id", "created_at" DESC);
