import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ApplicationVersion,
  type SetLatestVersionRequest,
  type ListPage,
} from '@podium/protocol';
import type { AppScope, Operator } from '../../common/auth/app-scope';
import { AUDIT_ACTIONS, operatorAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { ExecutorsService } from '../executors/executors.service';
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
      const listed = await this.proxy.send(op.applicationId, 'list_application_versions');
      if (!(listed.output ?? []).some((v) => v.version_name === versionName)) {
        throw new AppError('NOT_FOUND', `No version "${versionName}" in this application.`);
      }
      const answer = await this.proxy.send(op.applicationId, 'set_latest_application_version', {
        version_name: versionName,
      });
      if (answer.success === false) {
        throw new AppError(
          'EXECUTOR_ERROR',
          'The executor reported that setting the latest version failed.',
        );
      }
    });
  }

  async findVersions(scope: AppScope): Promise<ListPage<ApplicationVersion>> {
    const connected = await this.executors.countConnectedByVersion(scope.applicationId);
    try {
      const answer = await this.proxy.send(scope.applicationId, 'list_application_versions');
      const versions = [...(answer.output ?? [])].sort(
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
