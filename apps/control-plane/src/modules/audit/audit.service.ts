import { Inject, Injectable } from '@nestjs/common';
import { type ListAuditLogsQuery, type AuditLogEntry, type Paginated } from '@podium/protocol';
import type { Principal } from '../../common/auth/principal';
import { toCountedPage } from '../../common/pagination/counted-page';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { currentSourceIp } from '../../common/http/request-origin';
import { Transactions } from '../../infra/database/transactions';
import { mapAuditLogEntry } from './audit.dto';
import { AuditRepository } from './audit.repository';
import { storableFailure } from './storable-failure';

/** The control plane acting on its own (executor recovery): recorded with no user or key. */
export interface SystemActor {
  readonly kind: 'system';
}
export const CONTROL_PLANE: SystemActor = { kind: 'system' };

/**
 * Who acted: a caller, a user who has no session yet (joining while signing up), or the
 * control plane itself.
 */
export type AuditActor =
  Principal | { readonly kind: 'user'; readonly userId: string } | SystemActor;

export interface AuditEntry {
  readonly organizationId: string;
  readonly principal: AuditActor;
  /** Dotted verb: `workflow.cancel`, `token.revoke`, ... */
  readonly action: string;
  readonly targetType: string;
  /** Null when the target never came to exist (a refused create). */
  readonly targetId: string | null;
  readonly outcome: 'SUCCESS' | 'FAILURE';
  /** Structured context; never secrets. */
  readonly details?: Record<string, unknown>;
}

/** An action about to be tracked: everything but the outcome. */
export type TrackedAction = Omit<AuditEntry, 'outcome' | 'targetId'> & {
  readonly targetId?: string | null;
};

/** What the result of a tracked action adds to its SUCCESS entry (e.g. the new id). */
export type AuditOnSuccess<T> = (result: T) => {
  targetId?: string;
  details?: Record<string, unknown>;
};

/** Writes and reads the audit log: every operator action, whether it worked or not. */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const { principal } = entry;
    await this.events.create({
      organizationId: entry.organizationId,
      actorUserId: principal.kind === 'user' ? principal.userId : null,
      actorApiKeyId: principal.kind === 'api-key' ? principal.apiKey.id : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      outcome: entry.outcome,
      details: entry.details ?? {},
      sourceIp: currentSourceIp(),
    });
  }

  /**
   * Runs `operation` and records its outcome: SUCCESS (with what `onSuccess` adds) in the same
   * database transaction as the operation's own writes, so a change is never saved without its
   * record (nor recorded without being saved); or, once that transaction rolled back, FAILURE
   * with the error's code and detail, rethrowing the error. For changes held in this database
   * only: work on executors must not hold a transaction open (see WorkflowAuditLog).
   */
  async track<T>(
    action: TrackedAction,
    operation: () => Promise<T>,
    onSuccess?: AuditOnSuccess<T>,
  ): Promise<T> {
    try {
      return await this.transactions.run(async () => {
        const result = await operation();
        const extra = onSuccess?.(result) ?? {};
        await this.record({
          ...action,
          targetId: extra.targetId ?? action.targetId ?? null,
          outcome: 'SUCCESS',
          details: { ...action.details, ...extra.details },
        });
        return result;
      });
    } catch (error) {
      await this.recordFailure(action, error);
      throw error;
    }
  }

  /**
   * As `track`, once `check` passed; a refusal by the check is recorded as a FAILURE too. The
   * check runs before the transaction opens: it may ask an executor, and no transaction is held
   * open across that round trip.
   */
  async trackAfterCheck<T>(
    action: TrackedAction,
    check: () => Promise<void>,
    operation: () => Promise<T>,
    onSuccess?: AuditOnSuccess<T>,
  ): Promise<T> {
    try {
      await check();
    } catch (error) {
      await this.recordFailure(action, error);
      throw error;
    }
    return this.track(action, operation, onSuccess);
  }

  /**
   * As `track`, for work done on executors (schedules, versions, imports): nothing to join in
   * this database, and no transaction held open across the round trip, so the outcome is
   * recorded once the work is done. The work happened either way: a record that cannot be
   * written is logged with everything it would have said, and the caller still gets the result.
   */
  async trackRemote<T>(
    action: TrackedAction,
    operation: () => Promise<T>,
    onSuccess?: AuditOnSuccess<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await operation();
    } catch (error) {
      await this.recordFailure(action, error);
      throw error;
    }
    const extra = onSuccess?.(result) ?? {};
    const entry: AuditEntry = {
      ...action,
      targetId: extra.targetId ?? action.targetId ?? null,
      outcome: 'SUCCESS',
      details: { ...action.details, ...extra.details },
    };
    await this.record(entry).catch((recordError: unknown) =>
      this.logger.error(
        { ...entry, principal: entry.principal.kind, err: String(recordError) },
        'could not audit an action done on an executor',
      ),
    );
    return result;
  }

  /**
   * FAILURE with the error's code and a detail every reader may see (see storableFailure); a
   * failed write is logged, never thrown.
   */
  private async recordFailure(action: TrackedAction, error: unknown): Promise<void> {
    const failure = storableFailure(error, this.logger);
    await this.record({
      ...action,
      targetId: action.targetId ?? null,
      outcome: 'FAILURE',
      details: { ...action.details, ...failure },
    }).catch((recordError: unknown) =>
      this.logger.error(
        { action: action.action, err: String(recordError) },
        'could not audit a failed action',
      ),
    );
  }

  async findAuditLogs(
    organizationId: string,
    query: ListAuditLogsQuery,
  ): Promise<Paginated<AuditLogEntry>> {
    const { limit, offset, operation, subject, target, targetType, status } = query;
    const { startTime, endTime } = query;
    const page = await this.events.findPage(
      organizationId,
      {
        action: operation,
        subject,
        targetId: target,
        targetType,
        outcome: status && (status === 'success' ? 'SUCCESS' : 'FAILURE'),
        since: startTime ? new Date(startTime) : undefined,
        until: endTime ? new Date(endTime) : undefined,
      },
      { limit, offset },
    );
    return toCountedPage(page.items.map(mapAuditLogEntry), page.total, { limit, offset });
  }
}
