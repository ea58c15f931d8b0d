import { Body, Controller } from '@nestjs/common';
import type { StepAggregatesRequest, StepAggregatesResponse } from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { StepAggregatesService } from './step-aggregates.service';
import { STEP_AGGREGATE_ROUTES as ROUTES } from './step-aggregates.routes';

/** Step statistics, computed by an executor over the app's system database. */
@Controller()
export class StepAggregatesController {
  constructor(private readonly aggregates: StepAggregatesService) {}

  @Route(ROUTES.getStepAggregates)
  find(
    @Context() ctx: RequestContext,
    @Body() body: StepAggregatesRequest,
  ): Promise<StepAggregatesResponse> {
    return this.aggregates.findStepAggregates(scopeOf(ctx), body);
  }
}
