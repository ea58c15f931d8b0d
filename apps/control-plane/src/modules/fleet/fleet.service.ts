import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ApplicationVersion,
  type ApplicationVersionOutput,
  type SetLatestVersionRequest,
  type ListPage,
} from '@podium/protocol';
import type { AppScope, Operator } from '../../common/auth/app-scope';
import { AUDIT_ACTIONS, operatorAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { ExecutorsService } from '../executors/executors.service';
import { askEachFamily, type FamilyPart } from '../executors/family-fanout';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { mapApplicationVersion } from './application-version.mapper';

/**
 * An application's versions: from an executor when one can say, else from the executor
 * records. (Its executors are listed by ExecutorsService.)
 */
@Injectable()
export class FleetService {
  constructor(
    private readonly executors: ExecutorsService,
    private readonly proxy: ExecutorProxy,
    private readonly audit: AuditService,
  ) {}

  /**
   * Executors set any name's timestamp without complaint, so the version is looked up first:
   * an unknown name is a 404, not a silent no-op.
   */
  setLatestVersion(
    op: Operator,
    applicationName: string,
    { versionName }: SetLatestVersionRequest,
  ): Promise<void> {
    const action = operatorAction(op, AUDIT_ACTIONS.applicationSetLatestVersion, applicationName, {
      versionName,
    });
    return this.audit.trackRemote(action, async () => {
      // Each SDK family registers versions in its own tables: set it where it is registered.
      const holding = (await this.listVersions(op)).filter(({ value }) =>
        value.some((v) => v.version_name === versionName),
      );
      if (holding.length === 0) {
        throw new AppError('NOT_FOUND', `No version "${versionName}" in this application.`);
      }
      for (const { reach } of holding) {
        const answer = await this.proxy.send(
          op.applicationId,
          'set_latest_application_version',
          { version_name: versionName },
          reach,
        );
        if (answer.success === false) {
          throw new AppError(
            'EXECUTOR_ERROR',
            'The executor reported that setting the latest version failed.',
          );
        }
      }
    });
  }

  async findVersions(scope: AppScope): Promise<ListPage<ApplicationVersion>> {
    const connected = await this.executors.countConnectedByVersion(scope.applicationId);
    try {
      const versions = mergeVersions(await this.listVersions(scope)).sort(
        (a, b) => b.version_timestamp - a.version_timestamp,
      );
      const items = versions.map((v, i) =>
        mapApplicationVersion(v, i === 0, connected.get(v.version_name) ?? 0),
      );
      return { items, source: 'executors' };
    } catch (error) {
      const unanswerable =
        AppError.is(error) &&
        (error.code === 'EXECUTOR_UNAVAILABLE' || error.code === 'EXECUTOR_UNSUPPORTED');
      if (!unanswerable) throw error;
      return { items: await this.recordedVersions(scope, connected), source: 'records' };
    }
  }

  /** Each SDK family's registered versions (one part when the application runs one). */
  private async listVersions(scope: AppScope): Promise<FamilyPart<ApplicationVersionOutput[]>[]> {
    const { parts } = await askEachFamily(
      this.proxy,
      scope.applicationId,
      async (reach) =>
        (await this.proxy.send(scope.applicationId, 'list_application_versions', {}, reach))
          .output ?? [],
    );
    return parts;
  }

  /** Distinct versions of the executor records, the most recently connected first. */
  private async recordedVersions(
    scope: AppScope,
    connected: Map<string, number>,
  ): Promise<ApplicationVersion[]> {
    const names = await this.executors.findRecordedVersions(scope);
    return names.map((name, i) => ({
      versionName: name,
      versionId: null,
      versionTimestamp: null,
      createdAt: null,
      latest: i === 0,
      connectedExecutors: connected.get(name) ?? 0,
    }));
  }
}

/**
 * One row per version name; one both families registered keeps its newest timestamp and its
 * first creation.
 */
function mergeVersions(
  parts: readonly FamilyPart<ApplicationVersionOutput[]>[],
): ApplicationVersionOutput[] {
  const byName = new Map<string, ApplicationVersionOutput>();
  for (const version of parts.flatMap(({ value }) => value)) {
    const seen = byName.get(version.version_name);
    byName.set(
      version.version_name,
      seen
        ? {
            ...seen,
            version_timestamp: Math.max(seen.version_timestamp, version.version_timestamp),
            created_at: Math.min(seen.created_at, version.created_at),
          }
        : version,
    );
  }
  return [...byName.values()];
}
