import { Injectable } from '@nestjs/common';
import {
  AppError,
  type ListQueuedWorkflowsQuery,
  type ListQueuesResponse,
  type Queue,
  type Paginated,
  type Workflow,
} from '@podium/protocol';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import type { AppScope } from '../../common/auth/app-scope';
import { queuedQueryToBody, toPage } from '../workflows/workflow-filters';
import { mapWorkflow } from '../workflows/workflow.mapper';
import { readListedPage } from '../workflows/family-lists';
import { wantsPayloads, withPayloads } from '../workflows/workflow-payloads';
import { mapQueue } from './queue.mapper';

/**
 * Queues and their queued workflows, read live from one of the application's executors (the
 * queued workflows from each SDK family connected).
 */
@Injectable()
export class QueuesService {
  constructor(private readonly proxy: ExecutorProxy) {}

  async findQueues(scope: AppScope): Promise<ListQueuesResponse> {
    const answer = await this.proxy.send(scope.applicationId, 'list_queues', { body: {} });
    return (answer.output ?? []).map(mapQueue);
  }

  async getQueue(scope: AppScope, queueName: string): Promise<Queue> {
    const answer = await this.proxy.send(scope.applicationId, 'get_queue', { name: queueName });
    if (!answer.output) {
      throw new AppError('NOT_FOUND', `No queue "${queueName}" in this application.`);
    }
    return mapQueue(answer.output);
  }

  async findQueuedWorkflows(
    scope: AppScope,
    queueName: string,
    query: ListQueuedWorkflowsQuery,
  ): Promise<Paginated<Workflow>> {
    const body = queuedQueryToBody(queueName, query);
    const listed = await readListedPage(
      this.proxy,
      scope.applicationId,
      { ...body, load_input: false },
      async (pageBody, reach) =>
        (
          await this.proxy.send(
            scope.applicationId,
            'list_queued_workflows',
            { body: pageBody },
            reach,
          )
        ).output ?? [],
    );
    const rows = wantsPayloads(body)
      ? await withPayloads(this.proxy, scope.applicationId, listed, { load_input: true })
      : listed.map(({ row }) => row);
    return toPage(rows.map(mapWorkflow), query.limit, query.offset);
  }
}
