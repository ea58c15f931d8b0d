import { Controller, Param, Query } from '@nestjs/common';
import type {
  GetQueueResponse,
  ListQueuedWorkflowsQuery,
  ListQueuesResponse,
  Paginated,
  Workflow,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { QueuesService } from './queues.service';
import { QUEUE_ROUTES as ROUTES } from './queues.routes';

/** Queues. */
@Controller()
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Route(ROUTES.listQueues)
  list(@Context() ctx: RequestContext): Promise<ListQueuesResponse> {
    return this.queues.findQueues(scopeOf(ctx));
  }

  @Route(ROUTES.getQueue)
  get(
    @Context() ctx: RequestContext,
    @Param() { queueName }: { queueName: string },
  ): Promise<GetQueueResponse> {
    return this.queues.getQueue(scopeOf(ctx), queueName);
  }

  @Route(ROUTES.listQueuedWorkflows)
  workflows(
    @Context() ctx: RequestContext,
    @Param() { queueName }: { queueName: string },
    @Query() query: ListQueuedWorkflowsQuery,
  ): Promise<Paginated<Workflow>> {
    return this.queues.findQueuedWorkflows(scopeOf(ctx), queueName, query);
  }
}
