/**
 * Dispatch of conductor requests: decode a frame, run its handler, encode the answer.
 *
 * Invariants:
 * - Never throws and never rejects: a failing handler becomes an `error_message` answer, a
 *   frame without a readable envelope is logged and dropped. A bad request cannot crash the app.
 * - Every frame sent comes from the protocol's encoder (`encodeResponse`, or
 *   `encodeErrorResponse`); a handler result that does not match the catalog is replaced by
 *   an error answer, never sent as is.
 * - Requests are served concurrently and answered as soon as each is ready (out of order),
 *   correlated by `request_id` (echoed, or left out when the request had none). At most
 *   `limits.concurrent` run at once (their handlers use the app's database pool), the rest wait
 *   in arrival order. A request is refused unrun with `EXECUTOR_BUSY_ERROR` (the control plane
 *   then asks another executor) past `limits.waiting` waiting, or once it waited
 *   `limits.maxWaitMs`; one whose link closed while it waited is dropped unrun (nobody awaits
 *   its answer). `executor_info` and `alert` never wait (UNBOUNDED_TYPES).
 * - A type without a handler (outside the catalog, or in it but not implemented here) is
 *   answered with `UNKNOWN_MESSAGE_TYPE_ERROR`, as every DBOS SDK does.
 */
import {
  type DecodeFailure,
  decodeRequest,
  encodeErrorResponse,
  encodeResponse,
  EXECUTOR_BUSY_ERROR,
  type ExecutorRequest,
  ExecutorMessages,
  isMessageType,
  type MessageType,
  type PartialExecutorRequestHandlers,
  UNKNOWN_MESSAGE_TYPE_ERROR,
} from '@podium/protocol';
import type { Logger } from '../logger';
import { BoundedRunner, type RunnerLimits } from './bounded-runner';
import { WarningThrottle } from './warning-throttle';
import type { Reply } from './connection';

export interface RequestLimits extends RunnerLimits {
  /** A request that waited this long for a slot is refused unrun (EXECUTOR_BUSY_ERROR). */
  maxWaitMs: number;
}

/**
 * A request waits at most 10 s: under the control plane's default timeout
 * (PODIUM_EXECUTOR_REQUEST_TIMEOUT_MS, 15 s), so it hears "busy" in time to ask another executor.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  concurrent: 4,
  waiting: 1_000,
  maxWaitMs: 10_000,
};

export interface DispatcherOptions {
  /** Called after an answer was handed to the socket (the agent watches `executor_info`). */
  onAnswered?: (type: string) => void;
  limits?: RequestLimits;
  now?: () => number;
}

/**
 * Requests that never wait for a slot: `executor_info` is how a new link learns who we are, and
 * `alert` runs the app's handler, which may be slow and must not hold back a recovery.
 */
const UNBOUNDED_TYPES: ReadonlySet<string> = new Set<MessageType>(['executor_info', 'alert']);

/** Busy refusals come in bursts: one warning per this interval, with how many it stands for. */
const REFUSAL_WARNING_INTERVAL_MS = 10_000;

type AnyHandler = (request: ExecutorRequest) => Promise<Record<string, unknown>>;

export class Dispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly runner: BoundedRunner;
  private readonly onAnswered: (type: string) => void;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly refusals = new WarningThrottle(REFUSAL_WARNING_INTERVAL_MS);

  constructor(
    private readonly handlers: PartialExecutorRequestHandlers,
    private readonly logger: Logger,
    options: DispatcherOptions = {},
  ) {
    const limits = options.limits ?? DEFAULT_REQUEST_LIMITS;
    this.runner = new BoundedRunner(limits);
    this.maxWaitMs = limits.maxWaitMs;
    this.onAnswered = options.onAnswered ?? (() => undefined);
    this.now = options.now ?? Date.now;
  }

  /** Handles one frame; the answer (if any) goes to `reply`. Returns at once. */
  dispatch(frame: string, reply: Reply): void {
    try {
      const decoded = decodeRequest(frame);
      if (!decoded.ok) {
        this.refuse(decoded, reply);
        return;
      }
      const request = decoded.message;
      const arrived = this.now();
      if (UNBOUNDED_TYPES.has(request.type)) {
        this.track(this.answerSafely(request, reply, arrived));
        return;
      }
      const task = this.runner.run(() => this.answerSafely(request, reply, arrived), {
        wanted: () => reply.isOpen() && this.now() - arrived < this.maxWaitMs,
        dropped: () => this.dropUnrun(request, reply, arrived),
      });
      if (task) this.track(task);
      else this.refuseBusy(request, reply, 'too many conductor requests waiting');
    } catch (error) {
      this.logger.error({ err: describe(error) }, 'conductor frame could not be handled');
    }
  }

  /** Waits for the requests being handled (at most `timeoutMs`), e.g. before closing the link. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private track(task: Promise<void>): void {
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  private answerSafely(request: ExecutorRequest, reply: Reply, arrived: number): Promise<void> {
    return this.answer(request, reply, arrived).catch((error: unknown) => {
      this.logger.error({ err: describe(error) }, 'conductor request could not be answered');
    });
  }

  /** A waiting request nobody awaits any more: its link closed, or it waited too long. */
  private dropUnrun(request: ExecutorRequest, reply: Reply, arrived: number): void {
    const { type, request_id: requestId } = request;
    if (!reply.isOpen()) {
      this.logger.debug({ type, requestId }, 'conductor link closed before the request ran');
      return;
    }
    const waitedMs = this.now() - arrived;
    this.refuseBusy(request, reply, `it waited ${waitedMs} ms for a free slot`);
  }

  /** Answers EXECUTOR_BUSY_ERROR: not run, so the control plane may ask another executor. */
  private refuseBusy({ type, request_id: requestId }: ExecutorRequest, reply: Reply, why: string) {
    const { running, waiting } = this.runner.load;
    this.refusals.note(this.now(), (refused) =>
      this.logger.warn(
        { type, running, waiting, refusedSinceLastWarning: refused },
        'conductor requests refused unrun: this executor is busy',
      ),
    );
    const message = `${EXECUTOR_BUSY_ERROR}: ${why} (${running} conductor requests running, ${waiting} waiting)`;
    this.send(type, requestId, errorAnswer(type, requestId, message), reply);
  }

  private async answer(request: ExecutorRequest, reply: Reply, arrived: number): Promise<void> {
    const { type, request_id: requestId } = request;
    const started = this.now();
    let frame: string;
    const handler = (this.handlers as Partial<Record<MessageType, AnyHandler>>)[type];
    if (typeof handler !== 'function') {
      frame = encodeErrorResponse(type, requestId, UNKNOWN_MESSAGE_TYPE_ERROR);
    } else {
      try {
        frame = encodeResponse(type, requestId, await handler(request));
      } catch (error) {
        this.logger.warn({ type, requestId, err: describe(error) }, 'conductor request failed');
        frame = errorAnswer(
          type,
          requestId,
          `Exception encountered when handling ${type}: ${describe(error)}`,
        );
      }
    }
    this.send(type, requestId, frame, reply, { arrived, started });
  }

  private refuse(failure: DecodeFailure, reply: Reply): void {
    const { reason, type, requestId, issues } = failure;
    // A type we do not handle is unknown to us, whatever its fields (as DBOS SDKs answer it).
    const unhandled = reason === 'unknown_type' || (isMessageType(type) && !this.handles(type));
    if (unhandled && type !== undefined) {
      this.send(
        type,
        requestId,
        encodeErrorResponse(type, requestId, UNKNOWN_MESSAGE_TYPE_ERROR),
        reply,
      );
      return;
    }
    this.logger.warn({ reason, type, requestId, issues }, 'malformed conductor request');
    // A known type with invalid fields is answered, so the control plane does not wait in vain.
    if (reason === 'invalid_fields' && type !== undefined) {
      const detail = (issues ?? []).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
      this.send(
        type,
        requestId,
        errorAnswer(type, requestId, `Invalid ${type} request: ${detail}`),
        reply,
      );
    }
  }

  private handles(type: MessageType): boolean {
    return typeof (this.handlers as Partial<Record<MessageType, unknown>>)[type] === 'function';
  }

  private send(
    type: string,
    requestId: string | null | undefined,
    frame: string,
    reply: Reply,
    timing?: { arrived: number; started: number },
  ): void {
    const sent = reply.send(frame);
    const fields = {
      type,
      requestId,
      ms: timing ? this.now() - timing.started : 0,
      waitedMs: timing ? timing.started - timing.arrived : 0,
    };
    if (!sent) {
      this.logger.debug(fields, 'conductor link closed before the answer was sent');
      return;
    }
    this.logger.debug(fields, 'answered conductor request');
    try {
      this.onAnswered(type);
    } catch (error) {
      this.logger.warn({ type, err: describe(error) }, 'conductor answer hook failed');
    }
  }
}

/** Payloads DBOS TypeScript sends along with an error, besides `success: false`. */
const ERROR_PAYLOADS: Partial<Record<MessageType, Record<string, unknown>>> = {
  list_workflows: { output: [] },
  list_queued_workflows: { output: [] },
  list_queues: { output: [] },
  get_metrics: { metrics: [] },
  export_workflow: { serialized_workflow: null },
  list_schedules: { output: [] },
  backfill_schedule: { workflow_ids: [] },
  list_application_versions: { output: [] },
  get_workflow_aggregates: { output: [] },
  get_step_aggregates: { output: [] },
};

/**
 * An error answer with DBOS's default payload: `success: false` for the types that report
 * success, an empty list for listings, the bare envelope otherwise.
 */
function errorAnswer(type: string, requestId: string | null | undefined, message: string): string {
  if (isMessageType(type)) {
    const reportsSuccess = Object.hasOwn(ExecutorMessages[type].response.shape, 'success');
    const payload = { ...(reportsSuccess && { success: false }), ...ERROR_PAYLOADS[type] };
    try {
      return encodeResponse(type, requestId, { ...payload, error_message: message });
    } catch {
      // Fall through to the bare envelope, which always encodes.
    }
  }
  return encodeErrorResponse(type, requestId, message);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
