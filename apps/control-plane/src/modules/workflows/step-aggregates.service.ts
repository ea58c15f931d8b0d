import { Injectable } from '@nestjs/common';
import type { StepAggregatesRequest, StepAggregatesResponse } from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { wireTime } from './workflow-filters';

/** `get_step_aggregates` over HTTP: REST filters → the executor's body, rows → camelCase. */
@Injectable()
export class StepAggregatesService {
  constructor(private readonly proxy: ExecutorProxy) {}

  async findStepAggregates(
    scope: AppScope,
    req: StepAggregatesRequest,
  ): Promise<StepAggregatesResponse> {
    const answer = await this.proxy.send(scope.applicationId, 'get_step_aggregates', {
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
    });
    return (answer.output ?? []).map((row) => ({
      group: row.group,
      ...(row.count != null && { count: row.count }),
      ...(row.max_duration_ms != null && { maxDurationMs: row.max_duration_ms }),
    }));
  }
}
