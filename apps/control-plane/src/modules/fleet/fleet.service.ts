import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ApplicationVersion,
  type Executor,
  type ListApplicationVersionsResponse,
  type ListExecutorsQuery,
  type ListExecutorsResponse,
} from '@podium/protocol';
import { toCountedPage } from '../../common/pagination/counted-page';
import { ExecutorProxy } from '../executors/executor-proxy';
import { ExecutorRegistry } from '../executors/executor-registry';
import { ExecutorsRepository } from '../executors/executors.repository';
import type { AppScope } from '../workflows/app-scope';
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

  /** Connected executors first, then the most recently connected. */
  async findExecutors(scope: AppScope, query: ListExecutorsQuery): Promise<ListExecutorsResponse> {
    const all = await this.findAll(scope);
    const statuses = query.status;
    const matching = statuses ? all.filter((e) => statuses.includes(e.status)) : all;
    const items = matching.slice(query.offset, query.offset + query.limit);
    return toCountedPage(items, matching.length, query);
  }

  async findConnectedExecutors(scope: AppScope): Promise<Executor[]> {
    return (await this.findAll(scope)).filter((e) => e.status === 'CONNECTED');
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

  private async findAll(scope: AppScope): Promise<Executor[]> {
    const linked = new Set(
      this.registry.forApplication(scope.applicationId).map((e) => e.identity.executorId),
    );
    const records = await this.executors.findForApplication(
      scope.organizationId,
      scope.applicationId,
    );
    const all = records.map((r) => mapExecutorRecord(r, linked.has(r.executorId)));
    // Stable: records come newest connection first.
    return [
      ...all.filter((e) => e.status === 'CONNECTED'),
      ...all.filter((e) => e.status !== 'CONNECTED'),
    ];
  }

  /** Distinct versions of the executor records, the most recently connected first. */
  private async recordedVersions(
    scope: AppScope,
    connected: Map<string, number>,
  ): Promise<ApplicationVersion[]> {
    const records = await this.executors.findForApplication(
      scope.organizationId,
      scope.applicationId,
    );
    const names = [...new Set(records.map((r) => r.applicationVersion))];
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
