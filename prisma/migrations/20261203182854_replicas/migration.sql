-- AlterTable
ALTER TABLE "executors" ADD COLUMN     "replica_id" UUID;

-- CreateTable
CREATE TABLE "replicas" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_until" TIMESTAMPTZ(3) NOT NULL,
    "address" TEXT,

    CONSTRAINT "replicas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "executors_replica_id_idx" ON "executors"("replica_id");

-- AddForeignKey
ALTER TABLE "executors" ADD CONSTRAINT "executors_replica_id_fkey" FOREIGN KEY ("replica_id") REFERENCES "replicas"("id") ON DELETE SET NULL ON UPDATE CASCADE;
