-- DBOS Conductor's sign-up fields: a user name and profile.
ALTER TABLE "users" ADD COLUMN     "name" TEXT,
ADD COLUMN     "given_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "family_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "company" TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX "users_name_key" ON "users"("name");
