import { Body, Controller } from '@nestjs/common';
import type {
  AutoscalePolicy,
  AutoscalingPolicyResponse,
  GetAutoscaleResponse,
} from '@podium/protocol';
import { Context } from '../../common/auth/decorators';
import type { RequestContext } from '../../common/auth/request-context';
import { applicationOf, operatorOf, scopeOf } from '../../common/auth/app-scope';
import { Route } from '../../common/routes/route.decorator';
import { AutoscalingService } from './autoscaling.service';
import { AUTOSCALING_ROUTES as ROUTES } from './autoscaling.routes';

/** Queue-based autoscaling: the policy and the recommendation. */
@Controller()
export class AutoscalingController {
  constructor(private readonly autoscaling: AutoscalingService) {}

  @Route(ROUTES.getAutoscalingPolicy)
  getPolicy(@Context() ctx: RequestContext): Promise<AutoscalingPolicyResponse> {
    return this.autoscaling.getPolicy(scopeOf(ctx));
  }

  @Route(ROUTES.setAutoscalingPolicy)
  setPolicy(
    @Context() ctx: RequestContext,
    @Body() policy: AutoscalePolicy,
  ): Promise<AutoscalingPolicyResponse> {
    return this.autoscaling.setPolicy(operatorOf(ctx), applicationOf(ctx).name, policy);
  }

  @Route(ROUTES.deleteAutoscalingPolicy)
  deletePolicy(@Context() ctx: RequestContext): Promise<void> {
    return this.autoscaling.deletePolicy(operatorOf(ctx), applicationOf(ctx).name);
  }

  @Route(ROUTES.getAutoscale)
  recommend(@Context() ctx: RequestContext): Promise<GetAutoscaleResponse> {
    return this.autoscaling.recommend(scopeOf(ctx));
  }
}
