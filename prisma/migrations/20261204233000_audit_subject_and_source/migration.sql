-- AlterTable: DBOS's audit entry names who acted (as shown then) and from where.
ALTER TABLE "audit_events" ADD COLUMN     "source_ip" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "subject_display" TEXT;

-- Entries written before: who acted, as they are named now.
UPDATE "audit_events" e SET "subject_display" = u."email"
  FROM "users" u WHERE e."actor_user_id" = u."id";
UPDATE "audit_events" e SET "subject_display" = k."name"
  FROM "api_keys" k WHERE e."actor_api_key_id" = k."id";
