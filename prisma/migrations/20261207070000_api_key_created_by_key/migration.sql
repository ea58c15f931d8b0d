-- The key that created a key, when a key did: revoking it revokes the keys it created.
ALTER TABLE "api_keys" ADD COLUMN "created_by_api_key_id" UUID;

CREATE INDEX "api_keys_created_by_api_key_id_idx" ON "api_keys"("created_by_api_key_id");

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_api_key_id_fkey" FOREIGN KEY ("created_by_api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
