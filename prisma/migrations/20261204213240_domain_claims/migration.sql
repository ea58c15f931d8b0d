-- CreateTable
CREATE TABLE "domain_claims" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_claims_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "domain_claims_domain_key" ON "domain_claims"("domain");

-- CreateIndex
CREATE INDEX "domain_claims_organization_id_idx" ON "domain_claims"("organization_id");

-- AddForeignKey
ALTER TABLE "domain_claims" ADD CONSTRAINT "domain_claims_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
