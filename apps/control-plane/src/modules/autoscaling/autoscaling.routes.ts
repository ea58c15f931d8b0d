import {
  AutoscalePolicySchema,
  AutoscalingPolicyResponseSchema,
  GetAutoscaleResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { AUTOSCALING_ACTIONS as ACTIONS } from './autoscaling-actions';

const base = '/v2/orgs/{org}/apps/{app}';
const common = { tag: 'Autoscaling' } as const;

/** Queue-based autoscaling (see AutoscalingController). */
export const AUTOSCALING_ROUTES = routeTable({
  getAutoscalingPolicy: {
    ...common,
    method: 'get',
    path: `${base}/autoscaling-policy`,
    summary: 'Get the autoscaling policy',
    description: "The application's stored queue-based autoscaling policy; 404 when none is set.",
    access: 'read',
    response: AutoscalingPolicyResponseSchema,
  },
  setAutoscalingPolicy: {
    ...common,
    method: 'put',
    path: `${base}/autoscaling-policy`,
    summary: 'Set the autoscaling policy',
    description:
      'Checks with a connected executor that the queue exists, is not partitioned and has a worker concurrency, then stores the policy and echoes it back.',
    access: 'operate',
    viaExecutor: true,
    body: AutoscalePolicySchema,
    response: AutoscalingPolicyResponseSchema,
    audit: { action: ACTIONS.setPolicy, targetParam: 'app' },
  },
  deleteAutoscalingPolicy: {
    ...common,
    method: 'delete',
    path: `${base}/autoscaling-policy`,
    summary: 'Delete the autoscaling policy',
    description: 'Deleting an absent policy succeeds.',
    access: 'operate',
    status: 204,
    audit: { action: ACTIONS.deletePolicy, targetParam: 'app' },
  },
  getAutoscale: {
    ...common,
    method: 'get',
    path: `${base}/autoscale`,
    summary: 'Get the autoscaling recommendation',
    description:
      "How many executors each version needs now for the backlog (ENQUEUED + PENDING) of the policy's queue: at least 1, the backlog over the queue's worker concurrency rounded up; old versions as the policy's rollout says. 404 when no policy is set. Podium starts no machines: a deployment tool acts on it.",
    access: 'read',
    viaExecutor: true,
    response: GetAutoscaleResponseSchema,
  },
});
