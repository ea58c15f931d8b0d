import type { ApplicationVersion, ApplicationVersionOutput } from '@podium/protocol';

/** A version as an executor lists it (DBOS `list_application_versions`) → the REST version. */
export function mapApplicationVersion(
  version: ApplicationVersionOutput,
  latest: boolean,
  connectedExecutors: number,
): ApplicationVersion {
  return {
    versionName: version.version_name,
    versionId: version.version_id,
    versionTimestamp: epochToIsoOrNull(version.version_timestamp),
    createdAt: epochToIsoOrNull(version.created_at),
    latest,
    connectedExecutors,
  };
}

function epochToIsoOrNull(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
