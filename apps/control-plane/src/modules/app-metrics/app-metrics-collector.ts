import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { toWireTimestamp } from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { CoordinatorSchedule } from '../../infra/replica/coordinator-schedule';
import { ReplicaRole } from '../../infra/replica/replica-role';
import { ExecutorsService } from '../executors/executors.service';
import { sendToEachFamily } from '../executors/family-fanout';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { AppMetricsRepository } from './app-metrics.repository';
import { MINUTE_MS, keptCounts, minutesToCollect } from './metric-minutes';
import { ThrottledWarnings } from '../../common/logging/throttled-warnings';
import { AlertHistoryService } from '../alerts/alert-history.service';

/** Completed minutes one pass may still fetch for an application it missed (a restart, a hand-over). */
const CATCH_UP_MINUTES = 10;

/**
 * Builds the per-application history behind `GET .../apps/{app}/metrics`: every
 * PODIUM_METRICS_HISTORY_COLLECT_MS the recovery coordinator (ReplicaRole: one replica) asks a
 * connected executor of each application (of each SDK family, when it runs both) for each
 * completed minute's `get_metrics` counts and stores them, then drops buckets, executor link
 * moments and the alerts' rule moves (the incident timeline's) and finished deliveries, older
 * than PODIUM_METRICS_HISTORY_DAYS. Passes never overlap.
 */
@Injectable()
export class AppMetricsCollector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly schedule: CoordinatorSchedule;
  private readonly warnings: ThrottledWarnings;
  /** Per application id: the start of the first minute not collected yet. */
  private readonly collectedUpTo = new Map<string, number>();

  constructor(
    private readonly buckets: AppMetricsRepository,
    private readonly executors: ExecutorsService,
    private readonly proxy: ExecutorProxy,
    private readonly alertHistory: AlertHistoryService,
    role: ReplicaRole,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'app-metrics' });
    this.schedule = new CoordinatorSchedule(role, this.logger, 'metrics collection');
    this.warnings = new ThrottledWarnings(this.logger);
  }

  onApplicationBootstrap() {
    this.schedule.every(this.config.appMetrics.collectMs, () => this.runPass(Date.now()));
  }

  onModuleDestroy() {
    this.schedule.stop();
  }

  /** One pass over every application with a connected executor, then the retention bound. */
  collect(now = Date.now()): Promise<void> {
    return this.schedule.run(() => this.runPass(now));
  }

  /** Asks an executor for one minute's counts and stores them in place of what it had. */
  async collectMinute(applicationId: string, minuteStart: number): Promise<void> {
    const { parts } = await sendToEachFamily(this.proxy, applicationId, 'get_metrics', () => ({
      start_time: toWireTimestamp(minuteStart),
      end_time: toWireTimestamp(minuteStart + MINUTE_MS),
      metric_class: 'workflow_step_count',
    }));
    // Both SDK families count their own workflows and steps: a name both report is added up.
    const counts = new Map<string, { metricType: string; metricName: string; value: number }>();
    for (const m of parts.flatMap(({ value }) => value.metrics ?? [])) {
      const key = JSON.stringify([m.metric_type, m.metric_name]);
      const value = Math.round(m.value) + (counts.get(key)?.value ?? 0);
      counts.set(key, { metricType: m.metric_type, metricName: m.metric_name, value });
    }
    const { kept, dropped } = keptCounts([...counts.values()]);
    if (dropped > 0) {
      this.warnings.warn('an executor reported more metric names than a minute keeps', undefined, {
        applicationId,
        dropped,
      });
    }
    await this.buckets.saveMinute(applicationId, new Date(minuteStart), kept);
  }

  private async runPass(now: number): Promise<void> {
    for (const { applicationId } of await this.executors.findApplicationsWithConnected()) {
      const minutes = minutesToCollect(
        now,
        this.collectedUpTo.get(applicationId),
        CATCH_UP_MINUTES,
      );
      for (const minute of minutes) {
        if (this.schedule.stopped) return;
        try {
          await this.collectMinute(applicationId, minute);
        } catch (error) {
          this.logger.debug({ applicationId, err: String(error) }, 'no metrics from an executor');
          break; // this application's next pass starts from this minute again
        }
        this.collectedUpTo.set(applicationId, minute + MINUTE_MS);
      }
    }
    const cutoff = new Date(now - this.config.appMetrics.retentionMs);
    await this.buckets.deleteBefore(cutoff);
    await this.executors.forgetHistoryBefore(cutoff);
    await this.alertHistory.forgetBefore(cutoff);
  }
}
