-- AlterTable
ALTER TABLE "executors" ADD COLUMN     "recovery_claimed_by" UUID;

-- AddForeignKey
ALTER TABLE "executors" ADD CONSTRAINT "executors_recovery_claimed_by_fkey" FOREIGN KEY ("recovery_claimed_by") REFERENCES "replicas"("id") ON DELETE SET NULL ON UPDATE CASCADE;
