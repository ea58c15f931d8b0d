import { StepAggregatesRequestSchema, StepAggregatesResponseSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

/** Step statistics (see StepAggregatesController). */
export const STEP_AGGREGATE_ROUTES = routeTable({
  getStepAggregates: {
    tag: 'Workflows',
    viaExecutor: true,
    access: 'read',
    method: 'post',
    path: '/v2/orgs/{org}/apps/{app}/steps/aggregates',
    summary: 'Count completed steps and their longest durations, grouped',
    body: StepAggregatesRequestSchema,
    response: StepAggregatesResponseSchema,
  },
});
