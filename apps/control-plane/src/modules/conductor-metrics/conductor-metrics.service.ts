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
import { ExecutorsService, type UnrecoveredCount } from '../executors/executors.service';
import { type GaugeSample, familyNamed } from './conductor-families';
import { type ExpositionFormat, renderExposition } from './exposition';
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
 * organization's applications, those in its scope. Workflow and step families come from the
 * executors once per (application, minute): every scrape in that minute, concurrent ones
 * included, shares the first one's load (MinuteCache). `executor_count` is read from the control
 * plane's own table on every scrape (one statement for all the applications), so an application
 * whose executors cannot answer still has it.
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

  /** `from`: the caller's address, for the budget of unknown API keys (see ApiKeysService). */
  async render(
    caller: { authorization: string | undefined; from: string },
    query: ConductorMetricsQuery,
    format: ExpositionFormat,
  ): Promise<string> {
    const { organizationId, apps } = await this.readableApplications(caller, query.applications);
    const window = lastCompletedMinute(this.clock.now());
    const windowStartMs = window.start.getTime();
    this.cache.keepOnly(windowStartMs);
    const wanted = query.metrics && new Set(query.metrics.map(familyNamed));
    const names = query.workflow_names && new Set(query.workflow_names);
    const countsExecutors = !wanted || wanted.has('executor_count');
    const [executorCounts, workflowSamples] = await Promise.all([
      countsExecutors
        ? this.executorCountsOf(organizationId, apps)
        : new Map<string, UnrecoveredCount[]>(),
      Promise.all(apps.map((app) => this.workflowSamplesOf(app, window))),
    ]);
    const kept = (s: GaugeSample) =>
      (!wanted || wanted.has(s.family)) &&
      (!names || s.labels.workflow_name === undefined || names.has(s.labels.workflow_name));
    const perApp = apps.map((app, i) => {
      const samples = [
        ...(workflowSamples[i] ?? []),
        ...executorCountSamples(executorCounts.get(app.id) ?? []),
      ];
      return {
        application: app.name,
        windowStartMs,
        samples: wanted || names ? samples.filter(kept) : samples,
      };
    });
    return renderExposition(perApp, format);
  }

  /** The application's workflow and step families for the window: loaded once per minute. */
  private workflowSamplesOf(app: ApplicationRecord, window: MetricsWindow): Promise<GaugeSample[]> {
    const scope = { organizationId: app.organizationId, applicationId: app.id };
    return this.cache
      .get(app.id, window.start.getTime(), () => this.sampler.sample(scope, window))
      .catch((error: unknown): GaugeSample[] => {
        const admitted = this.throttle.admit(app.id);
        if (admitted) {
          this.logger.warn(
            { applicationId: app.id, err: String(error), ...suppressedField(admitted) },
            'metrics scrape: the executors did not answer; workflow families left out',
          );
        }
        return [];
      });
  }

  /** The applications' executors not yet recovered, counted, by application id. */
  private async executorCountsOf(
    organizationId: string,
    apps: readonly ApplicationRecord[],
  ): Promise<Map<string, UnrecoveredCount[]>> {
    const ids = apps.map((app) => app.id);
    const byApp = new Map<string, UnrecoveredCount[]>();
    for (const count of await this.executors.countUnrecoveredExecutors(organizationId, ids)) {
      const list = byApp.get(count.applicationId) ?? [];
      list.push(count);
      byApp.set(count.applicationId, list);
    }
    return byApp;
  }

  /** The bearer key's applications (in its scope), narrowed to `names` when given. */
  private async readableApplications(
    { authorization, from }: { authorization: string | undefined; from: string },
    names: readonly string[] | undefined,
  ): Promise<{ organizationId: string; apps: ApplicationRecord[] }> {
    const secret = bearerToken(authorization);
    const key = secret ? await this.apiKeys.authenticate(secret, from) : null;
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
    return {
      organizationId: key.organizationId,
      apps: apps
        .filter((app) => scope.length === 0 || scope.includes(app.id))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
}

/** `executor_count` samples: one per REST status and version (recorded statuses merged). */
function executorCountSamples(counts: readonly UnrecoveredCount[]): GaugeSample[] {
  const counted = new Map<string, GaugeSample>();
  for (const { status, applicationVersion, count } of counts) {
    const labels = { status: restStatus(status), application_version: applicationVersion };
    const key = JSON.stringify(labels);
    const seen = counted.get(key)?.value ?? 0;
    counted.set(key, { family: 'executor_count', labels, value: seen + count });
  }
  return [...counted.values()];
}
