-- AlterTable
ALTER TABLE "executors" ADD COLUMN     "dead_at" TIMESTAMPTZ(3),
ADD COLUMN     "recovered_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "executors_status_recovered_at_idx" ON "executors"("status", "recovered_at");
