import { Injectable } from '@nestjs/common';
import { ALERT_RULE_METADATA, AppError, type AlertRuleType } from '@podium/protocol';
import type { z } from 'zod';
import { ExecutorsService } from '../../executors/executors.service';
import { WorkflowsService } from '../../workflows/workflows.service';
import type { AlertRuleInContext } from '../alerts.repository';
import type { AlertFinding } from './alert-finding';

/** Executor answers that mean "cannot tell now" rather than a broken rule. */
const UNANSWERED = new Set([
  'EXECUTOR_UNAVAILABLE',
  'EXECUTOR_NO_ANSWER',
  'EXECUTOR_BUSY',
  'EXECUTOR_UNSUPPORTED',
]);

/**
 * Reads whether a rule's condition holds, from what Podium already knows: workflow aggregates
 * asked of a connected executor (WorkflowFailure, SlowQueue: the service behind
 * `POST .../workflows/aggregates`) and the executors table and links (the others). Null when it
 * cannot tell (no executor answered): the rule keeps its state.
 */
@Injectable()
export class AlertConditions {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly executors: ExecutorsService,
  ) {}

  async check(rule: AlertRuleInContext, now: Date): Promise<AlertFinding | null> {
    const type = rule.ruleType as AlertRuleType;
    try {
      switch (type) {
        case 'WorkflowFailure':
          return await this.workflowFailure(rule, now);
        case 'SlowQueue':
          return await this.slowQueue(rule, now);
        case 'UnresponsiveApplication':
          return await this.unresponsive(rule, now);
        case 'ExecutorDied':
          return await this.deadUnrecovered(rule, 'unrecoveredLost');
        case 'RecoveryFailed':
          return await this.deadUnrecovered(rule, 'unrecoveredDead');
      }
    } catch (error) {
      if (AppError.is(error) && UNANSWERED.has(error.code)) return null;
      throw error;
    }
  }

  private async workflowFailure(rule: AlertRuleInContext, now: Date): Promise<AlertFinding> {
    const { threshold, period_secs, workflow_name } = metadataOf(rule, 'WorkflowFailure');
    const groups = await this.workflows.findAggregates(scopeOf(rule), {
      groupByStatus: true,
      status: ['ERROR'],
      startTime: new Date(now.getTime() - period_secs * 1000).toISOString(),
      workflowName: workflow_name ? [workflow_name] : undefined,
    });
    const failed = groups.reduce((sum, group) => sum + (group.count ?? 0), 0);
    const which = workflow_name ? `workflow "${workflow_name}"` : 'workflows';
    return {
      active: failed >= threshold,
      message: `${failed} ${which} of ${rule.application.name} failed in the last ${period_secs} s (threshold ${threshold}).`,
      metadata: {
        workflow_name: workflow_name ?? '*',
        failed_workflow_count: String(failed),
        threshold: String(threshold),
        period_secs: String(period_secs),
      },
    };
  }

  private async slowQueue(rule: AlertRuleInContext, now: Date): Promise<AlertFinding> {
    const { threshold_secs, queue_name } = metadataOf(rule, 'SlowQueue');
    const groups = await this.workflows.findAggregates(scopeOf(rule), {
      groupByQueueName: true,
      selectCount: true,
      status: ['ENQUEUED'],
      endTime: new Date(now.getTime() - threshold_secs * 1000).toISOString(),
      queueName: queue_name ? [queue_name] : undefined,
    });
    const stuck = groups.reduce((sum, group) => sum + (group.count ?? 0), 0);
    const where = queue_name ? `queue "${queue_name}"` : 'its queues';
    return {
      active: stuck > 0,
      message: `${stuck} workflows of ${rule.application.name} have waited in ${where} longer than ${threshold_secs} s.`,
      metadata: {
        queue_name: queue_name ?? '*',
        stuck_workflow_count: String(stuck),
        threshold_secs: String(threshold_secs),
      },
    };
  }

  private async unresponsive(rule: AlertRuleInContext, now: Date): Promise<AlertFinding> {
    const { period_secs } = metadataOf(rule, 'UnresponsiveApplication');
    const { connected, lastDisconnectedAt } = await this.executors.findLiveness(rule.applicationId);
    // Never connected: counted from the rule's creation.
    const since = lastDisconnectedAt ?? rule.createdAt;
    const silentMs = now.getTime() - since.getTime();
    return {
      active: connected === 0 && silentMs >= period_secs * 1000,
      message:
        connected === 0
          ? `${rule.application.name} has had no connected executor for ${Math.floor(silentMs / 1000)} s.`
          : `${rule.application.name} has ${connected} connected executors.`,
      metadata: {
        application_name: rule.application.name,
        connected_executor_count: String(connected),
      },
    };
  }

  /**
   * Death and failed recovery fire on their events; they hold while a dead one is unrecovered
   * (for a death, one that was lost: ExecutorDied never fired for a stop on purpose, so one left
   * unrecovered, as after a deploy to another version, must not hold it).
   */
  private async deadUnrecovered(
    rule: AlertRuleInContext,
    counted: 'unrecoveredDead' | 'unrecoveredLost',
  ): Promise<AlertFinding> {
    const unrecovered = (await this.executors.findLiveness(rule.applicationId))[counted];
    return {
      active: unrecovered > 0,
      message:
        unrecovered > 0
          ? `${unrecovered} dead executors of ${rule.application.name} await recovery.`
          : `Every dead executor of ${rule.application.name} has been recovered.`,
      metadata: {
        application_name: rule.application.name,
        unrecovered_executor_count: String(unrecovered),
      },
    };
  }
}

function scopeOf(rule: AlertRuleInContext) {
  return { organizationId: rule.organizationId, applicationId: rule.applicationId };
}

/** The stored parameters, defaults filled in (they were validated when the rule was made). */
function metadataOf<T extends AlertRuleType>(
  rule: AlertRuleInContext,
  type: T,
): z.output<(typeof ALERT_RULE_METADATA)[T]> {
  const parsed = ALERT_RULE_METADATA[type].safeParse(rule.ruleMetadata ?? {});
  if (!parsed.success) {
    throw new AppError('INTERNAL', `Alerting rule ${rule.id} has unreadable parameters.`);
  }
  return parsed.data as z.output<(typeof ALERT_RULE_METADATA)[T]>;
}
