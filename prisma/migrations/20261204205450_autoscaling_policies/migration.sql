-- CreateTable
CREATE TABLE "autoscaling_policies" (
    "application_id" UUID NOT NULL,
    "queue_name" TEXT NOT NULL,
    "max_executors_for_old_versions" INTEGER,
    "max_old_versions" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "autoscaling_policies_pkey" PRIMARY KEY ("application_id")
);

-- AddForeignKey
ALTER TABLE "autoscaling_policies" ADD CONSTRAINT "autoscaling_policies_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
