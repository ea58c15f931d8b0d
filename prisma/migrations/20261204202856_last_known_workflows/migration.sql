-- CreateTable
CREATE TABLE "last_known_workflows" (
    "application_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "name" TEXT,
    "status" TEXT,
    "queue_name" TEXT,
    "executor_id" TEXT,
    "application_version" TEXT,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "error_summary" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "last_known_workflows_pkey" PRIMARY KEY ("application_id","workflow_id")
);

-- CreateIndex
CREATE INDEX "last_known_workflows_application_id_created_at_idx" ON "last_known_workflows"("application_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "last_known_workflows_seen_at_idx" ON "last_known_workflows"("seen_at");

-- AddForeignKey
ALTER TABLE "last_known_workflows" ADD CONSTRAINT "last_known_workflows_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
