-- CreateTable
CREATE TABLE "app_metric_buckets" (
    "application_id" UUID NOT NULL,
    "metric_type" TEXT NOT NULL,
    "metric_name" TEXT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "app_metric_buckets_pkey" PRIMARY KEY ("application_id","bucket_start","metric_type","metric_name")
);

-- CreateIndex
CREATE INDEX "app_metric_buckets_bucket_start_idx" ON "app_metric_buckets"("bucket_start");

-- AddForeignKey
ALTER TABLE "app_metric_buckets" ADD CONSTRAINT "app_metric_buckets_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
