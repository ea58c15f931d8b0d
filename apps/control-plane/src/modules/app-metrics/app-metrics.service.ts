import { Injectable } from '@nestjs/common';
import { AppError, type AppMetricsQuery, type ListAppMetricsResponse } from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { ExecutorsService } from '../executors/executors.service';
import { AppMetricsRepository } from './app-metrics.repository';
import { MINUTE_MS, recoveryCounts } from './metric-minutes';

/** An application's history per minute: executors' counts as collected, and its recoveries. */
@Injectable()
export class AppMetricsService {
  constructor(
    private readonly buckets: AppMetricsRepository,
    private readonly executors: ExecutorsService,
  ) {}

  async findMetrics(scope: AppScope, query: AppMetricsQuery): Promise<ListAppMetricsResponse> {
    const from = new Date(query.startTime);
    const to = new Date(query.endTime);
    if (to <= from) {
      throw AppError.validation([
        {
          path: 'endTime',
          location: 'query.endTime',
          value: query.endTime,
          message: 'must be after startTime',
        },
      ]);
    }
    const appId = scope.applicationId;
    const [stored, recoveries] = await Promise.all([
      this.buckets.findBetween(appId, from, to),
      this.executors.findRecoveriesBetween(appId, from, to),
    ]);
    return [
      ...stored.map((b) => ({
        appId,
        metricType: b.metricType,
        metricName: b.metricName,
        granularity: MINUTE_MS / 1_000,
        timeBucket: b.bucketStart.toISOString(),
        value: b.value,
      })),
      ...recoveryCounts(appId, recoveries),
    ];
  }
}
