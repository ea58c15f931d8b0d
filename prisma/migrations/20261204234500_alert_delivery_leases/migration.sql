-- AlterTable: a webhook delivery keeps its body and who is sending it until when, so a retry
-- abandoned by a stopped process is resumed by another.
ALTER TABLE "alert_deliveries" ADD COLUMN     "body" TEXT,
ADD COLUMN     "lease_owner" TEXT,
ADD COLUMN     "lease_until" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "alert_deliveries_status_lease_until_idx" ON "alert_deliveries"("status", "lease_until");
