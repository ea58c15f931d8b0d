import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import type { Logger } from 'pino';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { LOGGER } from '../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../config/config';
import { ApplicationRecordsService } from '../applications/application-records.service';
import { storableFailure } from '../audit/storable-failure';
import type { RetentionPushRecord } from '../applications/retention-push-record';
import type { ExecutorIdentity } from '../executors/executor-registry';
import { askEachFamily, type FamilyAnswers } from '../executors/family-fanout';
import { ExecutorProxy } from '../executors/proxy/executor-proxy';
import { familyName, sdkFamilyOf } from '../executors/sdk-family';
import { hasRetention, retentionBodyOf } from './retention-body';

/** Why a push happens: a settings change, or the periodic round. */
export type PushReason = 'settings-change' | 'schedule';

/**
 * Pushes an application's retention settings to ONE connected executor as a `retention`
 * message (the work is app-wide: every executor of the app shares its system database), one of
 * each SDK family when both are connected (each keeps its workflows in its own tables), and
 * keeps the outcome on the application for operators.
 *
 * - Each dispatch has its own timeout (`retention.pushTimeoutMs`): Python executors run the
 *   whole round before answering. On a timeout or disconnect the push moves to another
 *   executor (ExecutorProxy `repeatable`): deleting and cancelling by the same cutoffs twice
 *   changes nothing more.
 * - `delivered` means the executor answered success; DBOS TS ≥ 5.0 answers before the round
 *   runs (and skips it while a previous one runs), so it is not proof of deletion.
 * - Pushes of one application never overlap in this process: one asked for meanwhile runs
 *   when the current one ends.
 * - Whatever record a caller holds, a push sends the settings stored when it starts (read
 *   again then): a round that listed the application before an operator changed or cleared its
 *   thresholds must not push the old ones, whose deletions and cancellations cannot be undone.
 */
@Injectable()
export class RetentionPusher {
  private readonly logger: Logger;
  private readonly inFlight = new Set<string>();
  /** A push asked for while one of that application was under way: why, the newest reason. */
  private readonly queued = new Map<
    string,
    { application: ApplicationRecord; reason: PushReason }
  >();

  constructor(
    private readonly applications: ApplicationRecordsService,
    private readonly proxy: ExecutorProxy,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'retention' });
  }

  /**
   * Pushes the application's settings; null when there is nothing to push (no threshold set)
   * or a push of it is already under way here (this one follows it). Never throws.
   */
  async push(
    application: ApplicationRecord,
    reason: PushReason,
  ): Promise<RetentionPushRecord | null> {
    if (this.inFlight.has(application.id)) {
      this.queued.set(application.id, { application, reason });
      return null;
    }
    this.inFlight.add(application.id);
    try {
      const current = await this.applications.findOneById(
        application.organizationId,
        application.id,
      );
      if (!current || !hasRetention(current)) return null; // deleted, or its thresholds cleared
      const record = await this.dispatch(current, reason);
      await this.applications
        .recordRetentionPush(application.id, record)
        .catch((err: unknown) =>
          this.logger.warn(
            { applicationId: application.id, err: String(err) },
            'could not record a retention push',
          ),
        );
      return record;
    } finally {
      this.inFlight.delete(application.id);
      const next = this.queued.get(application.id);
      this.queued.delete(application.id);
      if (next) void this.push(next.application, next.reason);
    }
  }

  private async dispatch(
    application: ApplicationRecord,
    reason: PushReason,
  ): Promise<RetentionPushRecord> {
    const body = retentionBodyOf(application, Date.now());
    const log = { applicationId: application.id, application: application.name, reason, ...body };
    try {
      const { parts, missing } = await askEachFamily(this.proxy, application.id, async (reach) => {
        const { executor } = await this.proxy.exchange(
          application.id,
          'retention',
          { body },
          { timeoutMs: this.config.retention.pushTimeoutMs, repeatable: true, ...reach },
        );
        return executor;
      });
      for (const { value } of parts) {
        this.logger.info({ ...log, executorId: value.executorId }, 'retention pushed');
      }
      return {
        at: new Date(),
        outcome: 'delivered',
        executorId: parts[0]?.value.executorId ?? null,
        detail: deliveryDetail(parts, missing),
      };
    } catch (error) {
      // Shown to every reader of the application (`lastRetentionPush`): an executor's own error
      // text is withheld there, and logged in full under the reference it names.
      const { error: detail, reference } = storableFailure(error, this.logger);
      const outcome =
        AppError.is(error) && error.code === 'EXECUTOR_UNAVAILABLE' ? 'no_executor' : 'failed';
      // An app with nothing connected is common (and retried every round): not a warning.
      const level = outcome === 'no_executor' ? 'info' : 'warn';
      this.logger[level]({ ...log, outcome, err: detail, reference }, 'retention not pushed');
      return { at: new Date(), outcome, executorId: null, detail };
    }
  }
}

/** Where a push went when the application runs both SDK families (null: it runs one). */
function deliveryDetail(
  parts: FamilyAnswers<ExecutorIdentity>['parts'],
  missing: FamilyAnswers<ExecutorIdentity>['missing'],
): string | null {
  if (parts.length < 2 && missing.length === 0) return null;
  const delivered = parts
    .map(({ value }) => `${value.executorId} (${familyName(sdkFamilyOf(value))})`)
    .join(', ');
  const skipped = missing.map(({ family, detail }) => ` Not to ${familyName(family)}: ${detail}`);
  return `Delivered to ${delivered}.${skipped.join('')}`;
}
