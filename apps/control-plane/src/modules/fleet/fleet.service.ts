import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ApplicationVersion,
  type Executor,
  type ListApplicationVersionsResponse,
  type ListExecutorsQuery,
  type ListExecutorsResponse,
} from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { toCountedPage } from '../../common/pagination/counted-page';
import { ExecutorProxy } from '../executors/executor-proxy';
import { ExecutorRegistry } from '../executors/executor-registry';
import { ExecutorsRepository } from '../executors/executors.repository';
import { mapApplicationVersion, mapExecutorRecord } from './executor.mapper';

/**
 * An application's fleet: its executors (recorded in our database, marked connected when this
 * process holds their link) and its application versions (from an executor when one can say).
 */
@Injectable()
export class FleetService {
  constructor(
    private readonly registry: ExecutorRegistry,
    private readonly executors: ExecutorsRepository,
    private readonly proxy: ExecutorProxy,
  ) {}

  /** Connected executors first, then the others; each newest connection first. */
  async findExecutors(scope: AppScope, query: ListExecutorsQuery): Promise<ListExecutorsResponse> {
    const linked = this.linkedExecutorIds(scope.applicationId);
    const page = await this.executors.findPage(scope.organizationId, scope.applicationId, {
      linked,
      statuses: query.status,
      limit: query.limit,
      offset: query.offset,
    });
    const items = page.items.map((r) => mapExecutorRecord(r, linked.has(r.executorId)));
    return toCountedPage(items, page.total, query);
  }

  async findConnectedExecutors(scope: AppScope): Promise<Executor[]> {
    const linked = this.linkedExecutorIds(scope.applicationId);
    const records = await this.executors.findConnected(
      scope.organizationId,
      scope.applicationId,
      linked,
    );
    return records.map((r) => mapExecutorRecord(r, linked.has(r.executorId)));
  }

  async findVersions(scope: AppScope): Promise<ListApplicationVersionsResponse> {
    const connected = this.connectedByVersion(scope.applicationId);
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

  /** Executors whose link this process holds. */
  private linkedExecutorIds(applicationId: string): Set<string> {
    return new Set(this.registry.forApplication(applicationId).map((e) => e.identity.executorId));
  }

  /** Distinct versions of the executor records, the most recently connected first. */
  private async recordedVersions(
    scope: AppScope,
    connected: Map<string, number>,
  ): Promise<ApplicationVersion[]> {
    const names = await this.executors.findVersions(scope.organizationId, scope.applicationId);
    return names.map((name, i) => ({
      name,
      id: null,
      timestamp: null,
      createdAt: null,
      latest: i === 0,
      connectedExecutors: connected.get(name) ?? 0,
    }));
  }

  private connectedByVersion(applicationId: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { identity } of this.registry.forApplication(applicationId)) {
      counts.set(identity.applicationVersion, (counts.get(identity.applicationVersion) ?? 0) + 1);
    }
    return counts;
  }
}
