-- DBOS executors from before late 2025 (TypeScript < 4.5, Python < 2.6, Go < 0.9) send no
-- language and no SDK version in executor_info.
ALTER TABLE "executors" ALTER COLUMN "language" DROP NOT NULL;
ALTER TABLE "executors" ALTER COLUMN "sdk_version" DROP NOT NULL;
