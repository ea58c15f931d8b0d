import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type ListQueuedWorkflowsQuery,
  type ListQueuesResponse,
  type Queue,
  type QueueOutput,
  type Paginated,
  type Workflow,
} from '@podium/protocol';
import { sendToEachFamily } from '../executors/family-fanout';
import { CONFIG, type Config } from '../../config/config';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { hasOutput, readFromHoldingFamily } from '../workflows/holding-family';
import type { AppScope } from '../../common/auth/app-scope';
import { queuedQueryToBody, toPage } from '../workflows/workflow-filters';
import { mapWorkflow } from '../workflows/workflow.mapper';
import { mergedReading, readListedPage } from '../workflows/family-lists';
import { wantsPayloads, withPayloads } from '../workflows/workflow-payloads';
import { mapQueue } from './queue.mapper';

/**
 * Queues and their queued workflows, read live from one of the application's executors (of
 * each SDK family connected: each keeps its queues' workflows in its own tables).
 */
@Injectable()
export class QueuesService {
  constructor(
    private readonly proxy: ExecutorProxy,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async findQueues(scope: AppScope): Promise<ListQueuesResponse> {
    const { parts } = await sendToEachFamily(
      this.proxy,
      scope.applicationId,
      'list_queues',
      () => ({
        body: {},
      }),
    );
    // A name both families define is one queue to operators (its workflows are listed from both).
    const byName = new Map<string, QueueOutput>();
    for (const queue of parts.flatMap(({ value }) => value.output ?? [])) {
      if (!byName.has(queue.name)) byName.set(queue.name, queue);
    }
    return [...byName.values()].map(mapQueue);
  }

  async getQueue(scope: AppScope, queueName: string): Promise<Queue> {
    const held = await readFromHoldingFamily(
      this.proxy,
      scope.applicationId,
      'get_queue',
      { name: queueName },
      hasOutput,
    );
    if (!held?.response.output) {
      throw new AppError('NOT_FOUND', `No queue "${queueName}" in this application.`);
    }
    return mapQueue(held.response.output);
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
      async (pageBody, reach) => {
        const answer = await this.proxy.send(
          scope.applicationId,
          'list_queued_workflows',
          { body: pageBody },
          reach,
        );
        return answer.output ?? [];
      },
      mergedReading(this.config.workflowSearch),
    );
    const rows = wantsPayloads(body)
      ? await withPayloads(
          this.proxy,
          scope.applicationId,
          listed,
          { load_input: true },
          this.config.workflowSearch.maxPayloadBytes,
        )
      : listed.map(({ row }) => row);
    return toPage(rows.map(mapWorkflow), query.limit, query.offset);
  }
}
