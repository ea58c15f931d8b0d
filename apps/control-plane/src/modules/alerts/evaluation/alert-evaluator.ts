import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AlertRuleType } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { EventBus } from '../../../infra/events/event-bus';
import { CoordinatorSchedule } from '../../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../../infra/replica/replica-role';
import type { ExecutorSnapshot } from '../../executors/executor-snapshot';
import { AlertDispatcher } from '../delivery/alert-dispatcher';
import { type AlertRuleInContext, AlertsRepository } from '../alerts.repository';
import { AlertConditions } from './alert-conditions';
import type { AlertFinding } from './alert-finding';

/**
 * Evaluates alerting rules and moves each between OK and FIRING, notifying on each move (see
 * AlertDispatcher): a rule that stays true fires once, and resolves once it is false.
 *
 * - One evaluator per deployment: it runs on the recovery coordinator only (ReplicaRole), every
 *   `PODIUM_ALERT_EVALUATION_MS`, and at once when the role passes here. Moves are conditional
 *   updates (`changeState`), so two replicas that briefly both believe they coordinate notify
 *   once.
 * - ExecutorDied and RecoveryFailed fire on their events (`executor.dead`,
 *   `executor.recovery-failed`); a recovery re-evaluates the application at once.
 * - `minIntervalSecs`: a rule that starts firing sooner than that after `lastFiredAt` turns
 *   FIRING without notifying (and without moving `lastFiredAt`).
 */
@Injectable()
export class AlertEvaluator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly unsubscribers: Array<() => void>;
  private readonly passes: CoordinatorSchedule;

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly conditions: AlertConditions,
    private readonly dispatcher: AlertDispatcher,
    private readonly role: ReplicaRole,
    events: EventBus,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alerts' });
    this.passes = new CoordinatorSchedule(role, this.logger, 'alert evaluation');
    this.unsubscribers = [
      events.on('executor.dead', (e) => {
        // A stop on purpose (a deploy, a scale-in) is no death to page about: what it left is
        // recovered all the same, and RecoveryFailed still reports a recovery that fails.
        if (!e.stopped) this.onExecutorEvent('ExecutorDied', e, deathOf(e));
      }),
      events.on('executor.recovery-failed', (e) =>
        this.onExecutorEvent('RecoveryFailed', e, recoveryFailureOf(e)),
      ),
      events.on('executor.recovered', (e) => {
        if (this.role.isCoordinator) void this.evaluate(e.applicationId);
      }),
      role.onBecameCoordinator(() => void this.evaluateNow()),
    ];
  }

  onApplicationBootstrap() {
    this.passes.every(this.config.alerts.evaluationMs, () => this.evaluate());
  }

  onModuleDestroy() {
    this.passes.stop();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  /** One pass over every rule; passes never overlap (a call during one returns that one). */
  evaluateNow(): Promise<void> {
    return this.passes.run(() => this.evaluate());
  }

  private async evaluate(applicationId?: string): Promise<void> {
    try {
      const rules = await this.alerts.findRulesToEvaluate({ applicationId });
      const now = new Date();
      for (const rule of rules) {
        if (this.passes.stopped) return;
        await this.evaluateRule(rule, now);
      }
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'alert evaluation failed: retrying at the next');
    }
  }

  private async evaluateRule(rule: AlertRuleInContext, now: Date): Promise<void> {
    try {
      const finding = await this.conditions.check(rule, now);
      if (!finding) return;
      // Death and failed recovery start firing on their events only; here they may resolve.
      if (finding.active && isEventDriven(rule.ruleType)) return;
      await this.move(rule, finding);
    } catch (error) {
      this.logger.warn({ ruleId: rule.id, err: String(error) }, 'could not evaluate a rule');
    }
  }

  private onExecutorEvent(type: AlertRuleType, executor: ExecutorSnapshot, finding: AlertFinding) {
    if (!this.role.isCoordinator || this.passes.stopped) return;
    this.alerts
      .findRulesToEvaluate({ applicationId: executor.applicationId, ruleTypes: [type] })
      .then(async (rules) => {
        for (const rule of rules) await this.move(rule, finding);
      })
      .catch((error: unknown) =>
        this.logger.warn({ type, err: String(error) }, 'could not fire alerts for an executor'),
      );
  }

  /** OK → FIRING when the finding holds, FIRING → OK when not; notifies when it moved. */
  private async move(rule: AlertRuleInContext, finding: AlertFinding): Promise<void> {
    const now = new Date();
    if (finding.active && rule.state === 'OK') {
      const notify = !isThrottled(rule, now);
      const move = { fired: notify, message: finding.message };
      if (!(await this.alerts.changeState(rule, 'OK', 'FIRING', now, move))) return;
      this.logger.info({ ruleId: rule.id, ruleType: rule.ruleType, notify }, 'alert firing');
      if (notify) await this.dispatcher.notify(rule, 'FIRING', finding);
    } else if (!finding.active && rule.state === 'FIRING') {
      const move = { fired: false, message: `Resolved: ${finding.message}` };
      if (!(await this.alerts.changeState(rule, 'FIRING', 'OK', now, move))) return;
      this.logger.info({ ruleId: rule.id, ruleType: rule.ruleType }, 'alert resolved');
      await this.dispatcher.notify(rule, 'RESOLVED', finding);
    }
  }
}

function isEventDriven(type: string): boolean {
  return type === 'ExecutorDied' || type === 'RecoveryFailed';
}

function isThrottled(rule: AlertRuleInContext, now: Date): boolean {
  if (!rule.minIntervalSecs || !rule.lastFiredAt) return false;
  return now.getTime() - rule.lastFiredAt.getTime() < rule.minIntervalSecs * 1000;
}

function deathOf(executor: ExecutorSnapshot): AlertFinding {
  return {
    active: true,
    message: `Executor ${executor.executorId} (${executor.hostname ?? 'unknown host'}, version ${executor.applicationVersion}) was declared dead: it stayed disconnected past the grace period.`,
    metadata: {
      executor_id: executor.executorId,
      application_version: executor.applicationVersion,
      hostname: executor.hostname ?? '',
    },
  };
}

function recoveryFailureOf(executor: ExecutorSnapshot & { error: string }): AlertFinding {
  return {
    active: true,
    message: `Recovering the workflows of dead executor ${executor.executorId} failed: ${executor.error}`,
    metadata: {
      executor_id: executor.executorId,
      application_version: executor.applicationVersion,
      error: executor.error,
    },
  };
}
