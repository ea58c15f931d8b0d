import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ListQueuedWorkflowsQuerySchema,
  type GetQueueResponse,
  type ListQueuedWorkflowsQuery,
  type ListQueuedWorkflowsResponse,
  type ListQueuesResponse,
} from '@podium/protocol';
import { Context, RequireAccess } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { validate } from '../../common/validation/zod-validation.pipe';
import { QueuesService } from './queues.service';

/** Queues (route table: queues.routes.ts). */
@Controller('v2/orgs/:org/apps/:app/queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get()
  @RequireAccess('read')
  list(@Context() ctx: RequestContext): Promise<ListQueuesResponse> {
    return this.queues.findQueues(scopeOf(ctx));
  }

  @Get(':queueName')
  @RequireAccess('read')
  get(
    @Context() ctx: RequestContext,
    @Param('queueName') queueName: string,
  ): Promise<GetQueueResponse> {
    return this.queues.getQueue(scopeOf(ctx), queueName);
  }

  @Get(':queueName/workflows')
  @RequireAccess('read')
  workflows(
    @Context() ctx: RequestContext,
    @Param('queueName') queueName: string,
    @Query(validate(ListQueuedWorkflowsQuerySchema)) query: ListQueuedWorkflowsQuery,
  ): Promise<ListQueuedWorkflowsResponse> {
    return this.queues.findQueuedWorkflows(scopeOf(ctx), queueName, query);
  }
}
