import { Injectable } from '@nestjs/common';
import {
  AppError,
  WorkflowAggregatesRequestSchema,
  type AutoscalePolicy,
  type AutoscalingPolicyResponse,
  type GetAutoscaleResponse,
  type QueueOutput,
} from '@podium/protocol';
import type { AppScope, Operator } from '../../common/auth/app-scope';
import { operatorAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { FleetService } from '../fleet/fleet.service';
import { WorkflowsService } from '../workflows/workflows.service';
import { recommendExecutors, scalingRefusal } from './autoscale-recommendation';
import { AUTOSCALING_ACTIONS as ACTIONS } from './autoscaling-actions';
import { AutoscalingRepository } from './autoscaling.repository';
import { hasOutput, readFromHoldingFamily } from '../workflows/holding-family';

/** The backlog that needs executors: what waits on the queue and what runs from it. */
const BACKLOG = WorkflowAggregatesRequestSchema.parse({
  groupByAppVersion: true,
  selectCount: true,
  status: ['ENQUEUED', 'PENDING'],
});

/**
 * An application's autoscaling policy (stored here) and the recommendation made from it with
 * what its executors report: the queue's settings, the versions and the backlog per version.
 */
@Injectable()
export class AutoscalingService {
  constructor(
    private readonly policies: AutoscalingRepository,
    private readonly proxy: ExecutorProxy,
    private readonly fleet: FleetService,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditService,
  ) {}

  async getPolicy(scope: AppScope): Promise<AutoscalingPolicyResponse> {
    return { policy: await this.policyOf(scope) };
  }

  /**
   * The queue is checked with an executor first: a policy that cannot work is refused, and the
   * refusal audited like any failed change.
   */
  async setPolicy(
    op: Operator,
    applicationName: string,
    policy: AutoscalePolicy,
  ): Promise<AutoscalingPolicyResponse> {
    const action = operatorAction(op, ACTIONS.setPolicy, applicationName, { policy });
    await this.audit.trackAfterCheck(
      action,
      () => this.assertScalable(op, policy.queue),
      () => this.policies.save(op.applicationId, policy),
    );
    return { policy };
  }

  deletePolicy(op: Operator, applicationName: string): Promise<void> {
    const action = operatorAction(op, ACTIONS.deletePolicy, applicationName);
    return this.audit.track(action, () => this.policies.delete(op.applicationId));
  }

  async recommend(scope: AppScope): Promise<GetAutoscaleResponse> {
    const policy = await this.policyOf(scope);
    const [versions, queue, backlog] = await Promise.all([
      this.fleet.findVersions(scope),
      this.queue(scope, policy.queue),
      this.workflows.findAggregates(scope, { ...BACKLOG, queueName: [policy.queue] }),
    ]);
    return recommendExecutors({
      versions: versions.items,
      backlog: new Map(backlog.map((row) => [row.group.appVersion ?? '', row.count ?? 0])),
      workerConcurrency: scalingRefusal(queue) ? null : (queue?.worker_concurrency ?? null),
      queueName: policy.queue,
      rollout: policy.rollout,
      observedAt: Date.now(),
    });
  }

  private async policyOf(scope: AppScope): Promise<AutoscalePolicy> {
    const policy = await this.policies.find(scope.applicationId);
    if (!policy) throw new AppError('NOT_FOUND', 'This application has no autoscaling policy.');
    return policy;
  }

  /** 422 naming why the queue cannot drive autoscaling; no executor to ask is the proxy's 503. */
  private async assertScalable(scope: AppScope, queueName: string): Promise<void> {
    const refusal = scalingRefusal(await this.queue(scope, queueName));
    if (refusal) {
      throw AppError.validation(
        [{ path: 'queue', location: 'body.queue', value: queueName, message: refusal }],
        `The queue "${queueName}" cannot drive autoscaling: it ${refusal}.`,
      );
    }
  }

  /** From the SDK family defining it (each keeps its queues apart); null when none does. */
  private async queue(scope: AppScope, name: string): Promise<QueueOutput | null> {
    const held = await readFromHoldingFamily(
      this.proxy,
      scope.applicationId,
      'get_queue',
      { name },
      hasOutput,
    );
    return held?.response.output ?? null;
  }
}
