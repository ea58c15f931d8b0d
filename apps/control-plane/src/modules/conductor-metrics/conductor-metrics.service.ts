import { Inject, Injectable } from '@nestjs/common';
import { AppError, type ConductorMetricsQuery } from '@podium/protocol';
import type { Logger } from 'pino';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { LogThrottle, suppressedField } from '../../common/logging/log-throttle';
import { LOGGER } from '../../common/logging/logging.tokens';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { ApplicationRecordsService } from '../applications/application-records.service';
import { restStatus } from '../executors/executor-snapshot';
import { ExecutorsService } from '../executors/executors.service';
import { CONDUCTOR_FAMILIES, type GaugeSample, familyNamed } from './conductor-families';
import { type AppSample, type ExpositionFormat, renderExposition } from './exposition';
import { lastCompletedMinute, type MetricsWindow } from './metrics-window';
import { MinuteCache } from './minute-cache';
import { WorkflowMinuteSampler } from './workflow-minute-sampler';
import { bearerToken } from '../../common/auth/bearer';

/** The clock `/v1/metrics` reads its window from: the seam where a test pins the minute. */
@Injectable()
export class MetricsClock {
  now(): number {
    return Date.now();
  }
}

/**
 * DBOS Conductor's `GET /v1/metrics`. An API key with `metric.read` gets the gauges of its
 * organization's applications, those in its scope. Workflow and step families come from the executors once per (application, minute): every
 * scrape in that minute, concurrent ones included, shares the first one's load (MinuteCache).
 * An application whose executors cannot answer contributes only `executor_count`, read from the
 * control plane's own table on every scrape.
 */
@Injectable()
export class ConductorMetricsService {
  private readonly cache = new MinuteCache<GaugeSample[]>();
  private readonly throttle = new LogThrottle();

  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly applications: ApplicationRecordsService,
    private readonly executors: ExecutorsService,
    private readonly sampler: WorkflowMinuteSampler,
    private readonly metrics: PodiumMetrics,
    private readonly clock: MetricsClock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async render(
    authorization: string | undefined,
    query: ConductorMetricsQuery,
    format: ExpositionFormat,
  ): Promise<string> {
    const apps = await this.readableApplications(authorization, query.applications);
    const window = lastCompletedMinute(this.clock.now());
    this.cache.keepOnly(window.start.getTime());
    const wanted = query.metrics && new Set(query.metrics.map(familyNamed));
    const names = query.workflow_names && new Set(query.workflow_names);
    const perApp = await Promise.all(apps.map((app) => this.samplesOf(app, window)));
    const samples = perApp
      .flat()
      .filter((s) => !wanted || wanted.has(s.family))
      .filter(
        (s) => !names || s.labels.workflow_name === undefined || names.has(s.labels.workflow_name),
      );
    return renderExposition(samples, format);
  }

  private async samplesOf(app: ApplicationRecord, window: MetricsWindow): Promise<AppSample[]> {
    const scope = { organizationId: app.organizationId, applicationId: app.id };
    const stampMs = window.start.getTime();
    const [executors, workflows] = await Promise.all([
      this.executors.countExecutorsByStatus(scope),
      this.cache
        .get(app.id, stampMs, () => this.sampler.sample(scope, window))
        .catch((error: unknown) => {
          const admitted = this.throttle.admit(app.id);
          if (admitted) {
            this.logger.warn(
              { applicationId: app.id, err: String(error), ...suppressedField(admitted) },
              'metrics scrape: the executors did not answer; workflow families left out',
            );
          }
          return [];
        }),
    ]);
    const counted = new Map<string, AppSample>();
    for (const { status, applicationVersion, count } of executors) {
      const labels = {
        status: restStatus(status),
        application_version: applicationVersion,
      };
      const key = JSON.stringify(labels);
      const seen = counted.get(key)?.value ?? 0;
      counted.set(key, {
        family: 'executor_count',
        application: app.name,
        labels,
        value: seen + count,
      });
    }
    return [
      ...workflows.map((s) => ({
        ...s,
        application: app.name,
        ...(CONDUCTOR_FAMILIES[s.family].kind !== 'point' && { stampMs }),
      })),
      ...counted.values(),
    ];
  }

  /** The bearer key's applications (in its scope), narrowed to `names` when given. */
  private async readableApplications(
    authorization: string | undefined,
    names: readonly string[] | undefined,
  ): Promise<ApplicationRecord[]> {
    const secret = bearerToken(authorization);
    const key = secret ? await this.apiKeys.authenticate(secret) : null;
    if (!key) {
      this.metrics.recordRefusal('unauthenticated');
      throw new AppError('UNAUTHENTICATED', 'Send an API key as a Bearer token.');
    }
    if (!key.permissions.includes('metric.read')) {
      this.metrics.recordRefusal('forbidden');
      throw new AppError('FORBIDDEN', 'Reading metrics needs an API key with metric.read.');
    }
    const apps = names
      ? await this.applications.findByNames(key.organizationId, names)
      : await this.applications.findAll(key.organizationId);
    const scope = key.applicationIds;
    return apps
      .filter((app) => scope.length === 0 || scope.includes(app.id))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
