import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  AppError,
  isExecutorBusyError,
  ProtocolEncodeError,
  UNKNOWN_MESSAGE_TYPE_ERROR,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import type { Logger } from 'pino';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { CONFIG, type Config } from '../../../config/config';
import { LogThrottle, suppressedField } from '../../../common/logging/log-throttle';
import { type CommandTarget, localTarget } from './command-target';
import { ExecutorReportedError } from './executor-proxy-errors';
import { commandKind, newestFirst, orderCandidates } from './executor-proxy-selection';
import { RemoteExecutors } from './remote/remote-executors';
import { ExecutorRegistry, type ExecutorIdentity } from '../executor-registry';
import { sdkFamilyOf } from '../sdk-family';
import { ExecutorRequestError } from '../links/executor-request-error';

/**
 * The command proxy: how the HTTP API reaches an application's executors. Guards an invariant
 * that matters to operators: a mutation is never carried out twice.
 *
 * - Candidates are the links held here and, in replica mode, the executors linked to other live
 *   replicas (RemoteExecutors; a command to one is routed through Redis to its replica and fails
 *   the same ways a local one does). Their order comes from `orderCandidates` (latest version
 *   first, reads spread); `onlyVersion` keeps one version's executors only (recovery acts on its
 *   receiver's version).
 * - A link that closed before we sent anything is skipped: nothing reached it. So is one whose
 *   send failed before the frame was handed to its socket (`delivered: false`, e.g. it was
 *   closing), even for a mutation.
 * - Reads fail over to the next executor when one does not answer (timeout, disconnect or an
 *   unreadable answer), up to {@link MAX_ATTEMPTS} sends; never after an answer too large for
 *   a frame, which cost that executor its link and would cost the next one its own.
 * - Mutations never fail over once sent: after a timeout or a disconnect we cannot know whether
 *   the executor applied them, so the caller gets EXECUTOR_NO_ANSWER ("check, then retry")
 *   rather than a second cancel, fork or delete. Those marked `repeatable` (retention) do.
 * - "Unknown message type" means the executor did not act; the next one (a newer SDK) may.
 *   So does "Executor busy: …" from a @podium/sdk executor (it refused the request unrun), for
 *   mutations too; busy refusals do not count towards MAX_ATTEMPTS (each executor is asked at
 *   most once). When every executor asked was busy: 503 EXECUTOR_BUSY, nothing was done.
 * - Any other `error_message` is the answer (executors share one system database, so another
 *   would fail the same way): EXECUTOR_ERROR with a summary, never a traceback.
 *
 * Outcomes: 503 EXECUTOR_UNAVAILABLE (none connected), 503 EXECUTOR_BUSY (every one asked was
 * busy), 502 EXECUTOR_NO_ANSWER (none answered),
 * 502 EXECUTOR_ERROR (it answered with an error), 501 EXECUTOR_UNSUPPORTED (none knows the type).
 */

/** Most executors one command is sent to. */
export const MAX_ATTEMPTS = 3;

export interface SendOptions {
  /** Prefer executors running this application version (others remain fallbacks). */
  readonly preferVersion?: string;
  /** Only executors running this application version (none connected: EXECUTOR_UNAVAILABLE). */
  readonly onlyVersion?: string;
  /** Per-attempt timeout; `executors.requestTimeoutMs` from config when absent. */
  readonly timeoutMs?: number;
  /**
   * Only executors this accepts (a payload only some languages read); when connected executors
   * exist but none is accepted, `refusalCode` (EXECUTOR_UNAVAILABLE by default) with `refusal`
   * as its detail; EXECUTOR_UNSUPPORTED when the type itself is one those executors lack.
   */
  readonly only?: {
    readonly accepts: (e: ExecutorIdentity) => boolean;
    readonly refusal: string;
    readonly refusalCode?: 'EXECUTOR_UNAVAILABLE' | 'EXECUTOR_UNSUPPORTED';
  };
  /**
   * A mutation that is safe to carry out twice (retention: deleting and cancelling by the same
   * cutoffs again changes nothing more), so it fails over like a read.
   */
  readonly repeatable?: boolean;
}

/** An executor's answer, and which executor gave it. */
export interface Exchange<K extends MessageType> {
  readonly response: ResponseOf<K>;
  readonly executor: ExecutorIdentity;
}

type Attempt<K extends MessageType> =
  | { readonly kind: 'answered'; readonly response: ResponseOf<K> }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'failed'; readonly error: ExecutorRequestError };

@Injectable()
export class ExecutorProxy {
  private readonly turns = new Map<string, number>();
  /** A failing application repeats the same warning per command: a few lines a minute. */
  private readonly throttle = new LogThrottle();

  constructor(
    private readonly registry: ExecutorRegistry,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    /** Absent (unit tests) or empty (a lone process): local links only. */
    @Optional() private readonly remote?: RemoteExecutors,
  ) {}

  /**
   * Sends one command to one executor of the application and returns its answer, which never
   * carries `error_message` (that becomes an AppError). Throws AppError only.
   */
  async send<K extends MessageType>(
    applicationId: string,
    type: K,
    fields?: RequestFieldsOf<K>,
    options: SendOptions = {},
  ): Promise<ResponseOf<K>> {
    return (await this.exchange(applicationId, type, fields, options)).response;
  }

  /** Who holds the application's open links, here and on other replicas (one read of them). */
  async connectedIdentities(applicationId: string): Promise<ExecutorIdentity[]> {
    return (await this.openExecutors(applicationId)).map((e) => e.identity);
  }

  /** Whether an open link of the application, here or on another replica, is one `accepts` takes. */
  async hasExecutor(
    applicationId: string,
    accepts: (e: ExecutorIdentity) => boolean,
  ): Promise<boolean> {
    return (await this.connectedIdentities(applicationId)).some(accepts);
  }

  /** As `send`, also saying which executor answered. */
  async exchange<K extends MessageType>(
    applicationId: string,
    type: K,
    fields?: RequestFieldsOf<K>,
    options: SendOptions = {},
  ): Promise<Exchange<K>> {
    const kind = options.repeatable ? 'read' : commandKind(type);
    const { onlyVersion } = options;
    const open = (await this.openExecutors(applicationId)).filter(
      (e) => onlyVersion === undefined || e.identity.applicationVersion === onlyVersion,
    );
    const { only } = options;
    const connected = only ? open.filter((e) => only.accepts(e.identity)) : open;
    if (only && open.length > 0 && connected.length === 0) {
      throw new AppError(only.refusalCode ?? 'EXECUTOR_UNAVAILABLE', only.refusal);
    }
    const candidates = orderCandidates(connected, {
      preferVersion: options.preferVersion,
      turn: kind === 'read' ? this.nextTurn(applicationId, connected.length) : 0,
    });
    const timeoutMs = options.timeoutMs ?? this.config.executors.requestTimeoutMs;
    const failures: ExecutorRequestError[] = [];
    let sent = 0;
    let unsupported = 0;
    let busy = 0;

    for (const executor of candidates) {
      if (sent >= MAX_ATTEMPTS) break;
      if (!executor.isOpen()) continue; // closed since listed: nothing was sent to it
      const attempt = await this.attempt(executor, type, fields, timeoutMs);
      if (attempt.kind === 'failed' && !attempt.error.delivered) {
        // It never left (the link was closing): as if the link had been skipped.
        this.logger.debug(
          { applicationId, type, ...executor.logFields, err: attempt.error.message },
          'nothing sent to a closing executor link: trying the next one',
        );
        continue;
      }
      if (attempt.kind === 'busy') {
        busy += 1; // refused unrun: as if it had not been sent
        const admitted = this.throttle.admit(`${applicationId}/${type}/busy`);
        if (admitted) {
          this.logger.warn(
            { applicationId, type, ...executor.logFields, ...suppressedField(admitted) },
            'executor too busy to take the command: trying the next one',
          );
        }
        continue;
      }
      sent += 1;
      if (attempt.kind === 'answered') {
        const message = attempt.response.error_message;
        if (message) throw new ExecutorReportedError(message);
        return { response: attempt.response, executor: executor.identity };
      }
      if (attempt.kind === 'unsupported') {
        unsupported += 1;
        continue;
      }
      const admitted = this.throttle.admit(`${applicationId}/${type}/${attempt.error.code}`);
      if (admitted) {
        this.logger.warn(
          {
            applicationId,
            type,
            executorId: executor.identity.executorId,
            ...executor.logFields,
            code: attempt.error.code,
            err: attempt.error.message,
            ...suppressedField(admitted),
          },
          kind === 'read' ? 'executor did not answer: trying the next one' : 'mutation unconfirmed',
        );
      }
      if (attempt.error.code === 'EXECUTOR_ANSWER_TOO_LARGE') throw answerTooLarge(type);
      if (kind === 'mutation') throw unconfirmedMutation(type, attempt.error);
      failures.push(attempt.error);
    }

    if (sent === 0 && busy === 0) {
      throw new AppError(
        'EXECUTOR_UNAVAILABLE',
        onlyVersion === undefined
          ? 'No executor of this application is connected.'
          : `No executor of version "${onlyVersion}" of this application is connected.`,
      );
    }
    if (failures.length === 0 && busy > 0) {
      throw new AppError(
        'EXECUTOR_BUSY',
        `Every executor that could take "${type}" was too busy; nothing was carried out, try again.`,
      );
    }
    if (failures.length === 0 && unsupported > 0) {
      throw new AppError(
        'EXECUTOR_UNSUPPORTED',
        `The connected executors do not support "${type}"; upgrade their DBOS Transact or SDK.`,
      );
    }
    throw noAnswer(type, failures);
  }

  private async attempt<K extends MessageType>(
    executor: CommandTarget,
    type: K,
    fields: RequestFieldsOf<K> | undefined,
    timeoutMs: number,
  ): Promise<Attempt<K>> {
    try {
      const response = await executor.request(type, fields, timeoutMs);
      if (response.error_message === UNKNOWN_MESSAGE_TYPE_ERROR) return { kind: 'unsupported' };
      const busy = isExecutorBusyError(response.error_message);
      if (busy && sdkFamilyOf(executor.identity) === 'podium') return { kind: 'busy' };
      return { kind: 'answered', response };
    } catch (error) {
      if (error instanceof ExecutorRequestError) return { kind: 'failed', error };
      if (error instanceof ProtocolEncodeError) {
        // The command cannot be put on the wire; nothing was sent anywhere.
        throw AppError.validation(
          error.issues.map((issue) => ({ path: issue.path || '(root)', message: issue.message })),
          `This ${type} request cannot be sent to an executor.`,
        );
      }
      throw error;
    }
  }

  /** The application's open links, here and (replica mode) on other replicas, newest first. */
  private async openExecutors(applicationId: string): Promise<CommandTarget[]> {
    const local = this.registry.forApplication(applicationId).map(localTarget);
    // A lone process does not wait on anything before its first send.
    const remote = this.remote?.enabled ? await this.remote.forApplication(applicationId) : [];
    return newestFirst(local, remote).filter((e) => e.isOpen());
  }

  private nextTurn(applicationId: string, connected: number): number {
    if (connected === 0) {
      this.turns.delete(applicationId);
      return 0;
    }
    const turn = this.turns.get(applicationId) ?? 0;
    this.turns.set(applicationId, (turn + 1) % 1_000_000);
    return turn;
  }
}

/**
 * Never failed over: the next executor would send the same answer and lose its link too. The
 * link that got it closed (1009) and its executor reconnects.
 */
function answerTooLarge(type: MessageType): AppError {
  return new AppError(
    'EXECUTOR_ANSWER_TOO_LARGE',
    `The executor's answer to "${type}" was larger than the control plane accepts; ask for less (a smaller limit, or without inputs and outputs).`,
  );
}

function unconfirmedMutation(type: MessageType, error: ExecutorRequestError): AppError {
  if (error.code === 'EXECUTOR_INVALID_RESPONSE') {
    return new AppError(
      'EXECUTOR_ERROR',
      `The executor answered "${type}" with a response we cannot read; check the workflow before retrying.`,
    );
  }
  const why =
    error.code === 'EXECUTOR_DISCONNECTED' ? 'disconnected before answering' : 'did not answer';
  return new AppError(
    'EXECUTOR_NO_ANSWER',
    `The executor ${why} "${type}", so it may or may not have been applied; check the workflow before retrying.`,
  );
}

function noAnswer(type: MessageType, failures: readonly ExecutorRequestError[]): AppError {
  if (failures.length > 0 && failures.every((f) => f.code === 'EXECUTOR_INVALID_RESPONSE')) {
    return new AppError(
      'EXECUTOR_ERROR',
      `The executors answered "${type}" with invalid responses.`,
    );
  }
  const tried = failures.length === 1 ? 'the executor' : `${failures.length} executors`;
  return new AppError('EXECUTOR_NO_ANSWER', `No answer to "${type}" from ${tried} tried.`);
}
