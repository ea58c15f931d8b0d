-- An organization's alerting rules, counted against its quota at every creation (under the
-- organization's lock): without it the count read every tenant's rules.

-- CreateIndex
CREATE INDEX "alert_rules_organization_id_idx" ON "alert_rules"("organization_id");
