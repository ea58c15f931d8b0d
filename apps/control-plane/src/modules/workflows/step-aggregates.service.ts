import { Injectable } from '@nestjs/common';
import type { StepAggregatesRequest, StepAggregatesResponse } from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { sendToEachFamily } from '../executors/family-fanout';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { maxOf, mergeAggregates, sumOf } from './family-aggregates';
import { wireTime } from './workflow-filters';

/**
 * `get_step_aggregates` over HTTP: REST filters → the executor's body (sent to each SDK family
 * connected, groups merged), rows → camelCase.
 */
@Injectable()
export class StepAggregatesService {
  constructor(private readonly proxy: ExecutorProxy) {}

  async findStepAggregates(
    scope: AppScope,
    req: StepAggregatesRequest,
  ): Promise<StepAggregatesResponse> {
    const { parts } = await sendToEachFamily(
      this.proxy,
      scope.applicationId,
      'get_step_aggregates',
      () => ({
        body: {
          group_by_function_name: req.groupByFunctionName,
          group_by_status: req.groupByStatus,
          select_count: req.selectCount,
          select_max_duration_ms: req.selectMaxDurationMs,
          time_bucket_size_ms: req.timeBucketSizeMs,
          status: req.status,
          function_name: req.stepName,
          workflow_id_prefix: req.workflowIdPrefix,
          completed_after: wireTime(req.completedAfter),
          completed_before: wireTime(req.completedBefore),
        },
      }),
    );
    const rows = mergeAggregates(
      parts.map(({ value }) => value.output ?? []),
      (a, b) => ({
        group: a.group,
        count: sumOf(a.count, b.count),
        max_duration_ms: maxOf(a.max_duration_ms, b.max_duration_ms),
      }),
    );
    return rows.map((row) => ({
      group: row.group,
      ...(row.count != null && { count: row.count }),
      ...(row.max_duration_ms != null && { maxDurationMs: row.max_duration_ms }),
    }));
  }
}
