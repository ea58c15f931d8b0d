-- SessionRetention deletes, every hour, the sessions that ended (expired or revoked) over a week
-- ago: without these it read the whole table each time.

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE INDEX "sessions_revoked_at_idx" ON "sessions"("revoked_at");
