/**
 * The context passed to workflow functions: checkpointed steps, durable sleep and child
 * workflows (messages, events and streams live in context-messaging and context-streams).
 *
 * Invariants: every durable operation takes the next function id (0, 1, 2, ... in call order),
 * so re-executions of the same deterministic code meet the same ids. A recorded outcome is
 * always replayed and its function never runs again. Before running anything new, the
 * context checks that the workflow is still PENDING under this execution's generation, so a
 * cancelled or superseded execution stops at its next step.
 */
import {
  QueueDeduplicatedError,
  UnexpectedStepError,
  WorkflowCancelledError,
  WorkflowNotFoundError,
} from '../errors';
import type { Logger } from '../logger';
import { stepRetryDelayMs } from '../internal/step-retry-delay';
import { serializeError, serializeValue } from '../internal/serialization';
import { sleep } from '../internal/sleep';
import type { StartOptions, StepOptions } from '../types';
import type { WorkflowHandle } from './handle';
import { ExecutionSuperseded } from './interruptions';
import { getEvent, receiveMessage, sendMessage, setEvent } from './context-messaging';
import { closeStream, writeStream } from './context-streams';
import type { Notifier } from './notifier';
import { replay, SLEEP_STEP } from './replay';
import type { StepRecord, Storage } from './storage/storage';
import type { Workflow } from './workflow';

/** What a workflow function receives as its first argument. */
export interface WorkflowContext {
  readonly workflowId: string;
  /**
   * Aborted when this execution must stop: the workflow is cancelled or resumed (a new
   * execution takes over) in this process, or the SDK shuts down.
   */
  readonly signal: AbortSignal;
  /**
   * Runs `fn` as a checkpointed step: its outcome (value or error) is recorded before the
   * workflow moves on, and re-executions return the recorded outcome without calling `fn`.
   * The value returned is always the deserialised recorded value, and a failure is rethrown
   * as the deserialised error (an `Error` with the original name, message, stack and code),
   * so the first execution and a replay behave the same.
   */
  step<T>(name: string, fn: () => Promise<T> | T, options?: StepOptions): Promise<T>;
  /** Durable sleep: the wake-up time is recorded, so after a restart only the rest is slept. */
  sleep(ms: number): Promise<void>;
  /**
   * Starts a child workflow, checkpointed: re-executions get a handle to the same child.
   * The default child id is `<parent id>-<function id>`. Waiting on the handle's result stops
   * (with the interruption) when this workflow is cancelled or the SDK shuts down.
   */
  startWorkflow<A extends unknown[], R>(
    workflow: Workflow<A, R>,
    args: A,
    options?: StartOptions,
  ): Promise<WorkflowHandle<R>>;
  /** Sends a message to another workflow, exactly once (checkpointed with the message). */
  send(destinationId: string, message: unknown, topic?: string): Promise<void>;
  /**
   * Receives the oldest unread message on `topic` (each message is consumed by exactly one
   * `recv`), waiting up to `timeoutMs`; resolves null on timeout. The deadline is durable.
   * @param timeoutMs @default 60000
   */
  recv<T = unknown>(topic?: string, timeoutMs?: number): Promise<T | null>;
  /** Publishes (or overwrites) a key/value event of this workflow, exactly once. */
  setEvent(key: string, value: unknown): Promise<void>;
  /**
   * Reads an event of any workflow, waiting up to `timeoutMs` for it to be set; resolves null
   * on timeout. The outcome is checkpointed.
   * @param timeoutMs @default 60000
   */
  getEvent<T = unknown>(workflowId: string, key: string, timeoutMs?: number): Promise<T | null>;
  /**
   * Appends `value` to this workflow's stream `key`, exactly once (checkpointed with the
   * value). Anyone can read it with `podium.readStream(workflowId, key)`.
   */
  writeStream(key: string, value: unknown): Promise<void>;
  /** Closes this workflow's stream `key`: readers end after its last value. Exactly once. */
  closeStream(key: string): Promise<void>;
}

/** Engine services a context uses. */
export interface ContextDeps {
  storage: Storage;
  children: ChildStarter;
  notifier: Notifier;
  logger: Logger;
  pollIntervalMs: number;
}

/** What the context needs from the engine to start children. */
export interface ChildStarter {
  startChild(
    workflowName: string,
    args: unknown[],
    options: StartOptions & { workflowId: string; parentWorkflowId: string },
    signal: AbortSignal,
  ): Promise<WorkflowHandle<unknown>>;
  handle(workflowId: string, signal?: AbortSignal): WorkflowHandle<unknown>;
}

const STEP_DEFAULTS = { retries: 0, initialDelayMs: 1000, backoffFactor: 2, maxDelayMs: 60_000 };

export class ExecutionContext implements WorkflowContext {
  private nextFunctionId = 0;
  private readonly storage: Storage;
  private readonly children: ChildStarter;
  private readonly logger: Logger;

  constructor(
    readonly workflowId: string,
    private readonly generation: number,
    readonly signal: AbortSignal,
    readonly deps: ContextDeps,
  ) {
    this.storage = deps.storage;
    this.children = deps.children;
    this.logger = deps.logger;
  }

  async step<T>(name: string, fn: () => Promise<T> | T, options?: StepOptions): Promise<T> {
    const functionId = this.nextFunctionId++;
    const recorded = await this.recorded(functionId, name);
    if (recorded !== null) return replay<T>(recorded);

    const policy = { ...STEP_DEFAULTS, ...options };
    const startedAt = Date.now();
    let outcome: { output: string | null; error: string | null };
    for (let attempt = 0; ; attempt++) {
      try {
        outcome = { output: serializeValue(await fn()), error: null };
        break;
      } catch (error) {
        // Stopped because its execution was told to (ctx.signal): not the step's own failure,
        // so nothing is recorded and the step runs again wherever the workflow continues.
        if (this.signal.aborted) throw this.signal.reason;
        if (attempt >= policy.retries) {
          outcome = { output: null, error: serializeError(error) };
          break;
        }
        const delay = stepRetryDelayMs(policy, attempt + 1);
        this.logger.warn(
          { workflowId: this.workflowId, functionId, step: name, attempt: attempt + 1, delay },
          'step failed, retrying',
        );
        await sleep(delay, this.signal);
      }
    }
    const stored = await this.storage.recordStep({
      workflowId: this.workflowId,
      functionId,
      functionName: name,
      childWorkflowId: null,
      startedAt,
      ...outcome,
    });
    return replay<T>(stored);
  }

  async sleep(ms: number): Promise<void> {
    const functionId = this.nextFunctionId++;
    let recorded = await this.recorded(functionId, SLEEP_STEP);
    if (recorded === null) {
      const now = Date.now();
      recorded = await this.storage.recordStep({
        workflowId: this.workflowId,
        functionId,
        functionName: SLEEP_STEP,
        output: serializeValue(now + ms),
        error: null,
        childWorkflowId: null,
        startedAt: now,
      });
    }
    const wakeAt = replay<number>(recorded);
    await sleep(wakeAt - Date.now(), this.signal);
  }

  async startWorkflow<A extends unknown[], R>(
    workflow: Workflow<A, R>,
    args: A,
    options?: StartOptions,
  ): Promise<WorkflowHandle<R>> {
    const functionId = this.nextFunctionId++;
    const recorded = await this.recorded(functionId, workflow.workflowName);
    if (recorded?.childWorkflowId != null) {
      return this.children.handle(recorded.childWorkflowId, this.signal) as WorkflowHandle<R>;
    }
    // A start refused for its deduplication id was recorded as this step's error.
    if (recorded !== null) return replay<never>(recorded);
    const childId = options?.workflowId ?? `${this.workflowId}-${functionId}`;
    const startedAt = Date.now();
    const step = { workflowId: this.workflowId, functionId, functionName: workflow.workflowName };
    // Starting first is safe: the child id is deterministic, so a crash before the checkpoint
    // below only leads to an idempotent second start of the same child.
    let handle: WorkflowHandle<unknown>;
    try {
      handle = await this.children.startChild(
        workflow.workflowName,
        args,
        { ...options, workflowId: childId, parentWorkflowId: this.workflowId },
        this.signal,
      );
    } catch (error) {
      if (!(error instanceof QueueDeduplicatedError)) throw error;
      // Durable, so a replay meets the same refusal even once the id is free again; thrown
      // as recorded, so the first run and a replay see the same error.
      const refused = await this.storage.recordStep({
        ...step,
        output: null,
        error: serializeError(error),
        childWorkflowId: null,
        startedAt,
      });
      return replay<never>(refused);
    }
    await this.storage.recordStep({
      ...step,
      output: null,
      error: null,
      childWorkflowId: childId,
      startedAt,
    });
    return handle as WorkflowHandle<R>;
  }

  send(destinationId: string, message: unknown, topic?: string): Promise<void> {
    return sendMessage(this, destinationId, message, topic);
  }

  recv<T = unknown>(topic?: string, timeoutMs?: number): Promise<T | null> {
    return receiveMessage<T>(this, topic, timeoutMs);
  }

  setEvent(key: string, value: unknown): Promise<void> {
    return setEvent(this, key, value);
  }

  getEvent<T = unknown>(workflowId: string, key: string, timeoutMs?: number): Promise<T | null> {
    return getEvent<T>(this, workflowId, key, timeoutMs);
  }

  writeStream(key: string, value: unknown): Promise<void> {
    return writeStream(this, key, value);
  }

  closeStream(key: string): Promise<void> {
    return closeStream(this, key);
  }

  /** Takes the next function id. Internal: for the durable operations in context-messaging. */
  takeFunctionId(): number {
    return this.nextFunctionId++;
  }

  /**
   * The recorded outcome of `functionId`, or null after checking this execution may proceed.
   * Internal: also used by context-messaging.
   */
  async recorded(functionId: number, name: string): Promise<StepRecord | null> {
    this.signal.throwIfAborted();
    const state = await this.storage.getStepState(this.workflowId, functionId);
    if (state === null) throw new WorkflowNotFoundError(this.workflowId);
    if (state.step !== null) {
      if (state.step.functionName !== name) {
        throw new UnexpectedStepError(this.workflowId, functionId, state.step.functionName, name);
      }
      return state.step;
    }
    if (state.status === 'CANCELLED') throw new WorkflowCancelledError(this.workflowId);
    if (state.status !== 'PENDING' || state.generation !== this.generation) {
      throw new ExecutionSuperseded(this.workflowId);
    }
    return null;
  }
}
