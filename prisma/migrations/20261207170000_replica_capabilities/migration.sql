-- What each replica's version understands that older ones do not: a change older replicas could
-- not read (sealed webhook URLs) waits until no live replica lacks it. Older replicas' rows get
-- the empty list.

-- AlterTable
ALTER TABLE "replicas" ADD COLUMN "capabilities" TEXT[] DEFAULT ARRAY[]::TEXT[];
