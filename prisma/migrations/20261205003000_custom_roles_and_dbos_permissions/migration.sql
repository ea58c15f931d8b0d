-- Custom roles (DBOS): an organization's own permission sets.
CREATE TABLE "custom_roles" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "permissions" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_roles_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "custom_roles_organization_id_name_key" ON "custom_roles"("organization_id", "name");

ALTER TABLE "custom_roles" ADD CONSTRAINT "custom_roles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A member holds exactly one role: a built-in one or a custom one.
ALTER TABLE "memberships" ALTER COLUMN "role" DROP NOT NULL,
ADD COLUMN     "custom_role_id" UUID;

CREATE INDEX "memberships_custom_role_id_idx" ON "memberships"("custom_role_id");

ALTER TABLE "memberships" ADD CONSTRAINT "memberships_custom_role_id_fkey" FOREIGN KEY ("custom_role_id") REFERENCES "custom_roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "memberships" ADD CONSTRAINT "memberships_one_role" CHECK (("role" IS NULL) <> ("custom_role_id" IS NULL));

-- API keys carry DBOS permission names. What the old names allowed is kept: workflows:read
-- read applications and /v1/metrics; workflows:write also acted on them.
UPDATE "api_keys" SET "permissions" = ARRAY(
    SELECT DISTINCT mapped FROM unnest("permissions") AS old(name),
    LATERAL unnest(CASE old.name
        WHEN 'executor:connect' THEN ARRAY['websocket.connect']
        WHEN 'workflows:read' THEN ARRAY['application.read', 'metric.read']
        WHEN 'workflows:write' THEN ARRAY['application.read', 'application.write', 'metric.read']
        ELSE ARRAY[old.name]
    END) AS mapped
    ORDER BY mapped
);

-- Names are unique among an organization's live keys (DBOS names keys in paths): later
-- duplicates get their id's first characters appended.
UPDATE "api_keys" AS k SET "name" = k."name" || '-' || left(k."id"::text, 8)
WHERE k."revoked_at" IS NULL AND EXISTS (
    SELECT 1 FROM "api_keys" AS o
    WHERE o."organization_id" = k."organization_id" AND o."name" = k."name"
      AND o."revoked_at" IS NULL AND o."id" < k."id"
);
