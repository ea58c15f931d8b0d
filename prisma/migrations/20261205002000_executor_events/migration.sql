-- Every moment of every executor link, for the incident timeline (executors keeps the latest).
CREATE TABLE "executor_events" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "executor_id" TEXT NOT NULL,
    "application_version" TEXT NOT NULL,
    "hostname" TEXT,
    "kind" TEXT NOT NULL,
    "stopped" BOOLEAN NOT NULL DEFAULT false,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "executor_events_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "executor_events_application_id_at_idx" ON "executor_events"("application_id", "at" DESC);
CREATE INDEX "executor_events_organization_id_at_idx" ON "executor_events"("organization_id", "at" DESC);
CREATE INDEX "executor_events_at_idx" ON "executor_events"("at");

ALTER TABLE "executor_events" ADD CONSTRAINT "executor_events_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The timeline read these moments from executors; it reads executor_events now.
DROP INDEX "executors_application_id_disconnected_at_idx";
DROP INDEX "executors_application_id_dead_at_idx";
DROP INDEX "executors_application_id_recovered_at_idx";

-- The latest link of each executor, as far as executors remembers it.
INSERT INTO "executor_events" ("id", "organization_id", "application_id", "executor_id", "application_version", "hostname", "kind", "stopped", "at")
SELECT gen_random_uuid(), organization_id, application_id, executor_id, application_version, hostname, m.kind, m.stopped, m.at
FROM "executors" e
CROSS JOIN LATERAL (VALUES
    ('connected', false, e.connected_at),
    ('disconnected', e.stopped, e.disconnected_at),
    ('dead', false, e.dead_at),
    ('recovered', false, e.recovered_at)) AS m(kind, stopped, at)
WHERE m.at IS NOT NULL;
