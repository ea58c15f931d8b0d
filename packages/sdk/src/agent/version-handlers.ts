/**
 * Handlers of the application-version requests, in DBOS TypeScript's shapes: the versions
 * latest first (times as epoch-ms numbers), and set-latest, which answers `success: true` for
 * a version the application never ran (nothing changes), as DBOS does.
 */
import type { ExecutorRequestHandlers } from '@podium/protocol';
import type { AgentOperations } from './operations';

export type VersionHandlerTypes = 'list_application_versions' | 'set_latest_application_version';

export function versionHandlers(
  ops: AgentOperations,
): Pick<ExecutorRequestHandlers, VersionHandlerTypes> {
  return {
    list_application_versions: async () => ({
      output: (await ops.versions.list()).map((version) => ({
        version_id: version.versionId,
        version_name: version.versionName,
        version_timestamp: version.versionTimestamp,
        created_at: version.createdAt,
      })),
    }),

    set_latest_application_version: async (request) => {
      await ops.versions.setLatest(request.version_name);
      return { success: true };
    },
  };
}
