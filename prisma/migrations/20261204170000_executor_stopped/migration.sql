-- AlterTable
ALTER TABLE "executors" ADD COLUMN     "stopped" BOOLEAN NOT NULL DEFAULT false;
