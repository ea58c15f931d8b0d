/**
 * The context's messaging operations: send/recv between workflows and key/value events.
 *
 * Invariants: `send` and `setEvent` write their data and their checkpoint in one transaction,
 * so they happen exactly once; `recv` consumes a message and records it in one transaction,
 * so each message is received by exactly one recv. Waits (`recv`, `getEvent`) record their
 * deadline, so after a restart they wait only for the remainder.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '../errors';
import { serializeValue } from '../internal/serialization';
import type { Logger } from '../logger';
import { eventKey, messageKey, type Notifier } from './notifier';
import { replay, SLEEP_STEP } from './replay';
import {
  DestinationNotFound,
  type NewStep,
  type StepRecord,
  type Storage,
} from './storage/storage';

const DEFAULT_WAIT_MS = 60_000;

/** The part of the execution context these operations build on. */
export interface DurableCore {
  readonly workflowId: string;
  readonly signal: AbortSignal;
  readonly deps: { storage: Storage; notifier: Notifier; logger: Logger; pollIntervalMs: number };
  takeFunctionId(): number;
  recorded(functionId: number, name: string): Promise<StepRecord | null>;
}

/** A checkpoint of `functionId` to record now. Internal: also for context-streams. */
export function newStep(
  core: DurableCore,
  functionId: number,
  name: string,
  output: string | null,
): NewStep {
  return {
    workflowId: core.workflowId,
    functionId,
    functionName: name,
    output,
    error: null,
    childWorkflowId: null,
    startedAt: Date.now(),
  };
}

export async function sendMessage(
  core: DurableCore,
  destinationId: string,
  message: unknown,
  topic: string | undefined,
): Promise<void> {
  const functionId = core.takeFunctionId();
  if ((await core.recorded(functionId, 'podium.send')) !== null) return;
  // Sent once per checkpoint (the step is recorded in the message's transaction), so the id
  // need not repeat: a fixed one would drop the send a rewind runs again.
  const messageId = randomUUID();
  const step = newStep(core, functionId, 'podium.send', null);
  await deliver(core.deps, { messageId, destinationId, topic, message }, step);
}

/** Stores a message (with its step, if sent from a workflow) and wakes local receivers. */
export async function deliver(
  deps: { storage: Storage; notifier: Notifier },
  message: {
    messageId: string;
    destinationId: string;
    topic: string | undefined;
    message: unknown;
  },
  step: NewStep | null,
): Promise<void> {
  const { destinationId } = message;
  try {
    await deps.storage.sendMessage(
      { ...message, topic: message.topic ?? null, message: serializeValue(message.message) },
      step,
    );
  } catch (error) {
    if (error instanceof DestinationNotFound) throw new WorkflowNotFoundError(destinationId);
    throw error;
  }
  deps.notifier.notify(messageKey(destinationId));
}

export async function receiveMessage<T>(
  core: DurableCore,
  topic: string | undefined,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T | null> {
  const name = 'podium.recv';
  const step = await durableWait(core, name, timeoutMs, messageKey(core.workflowId), (id) =>
    core.deps.storage.receiveMessage(core.workflowId, topic ?? null, newStep(core, id, name, null)),
  );
  return replay<T | null>(step);
}

export async function setEvent(core: DurableCore, key: string, value: unknown): Promise<void> {
  const functionId = core.takeFunctionId();
  if ((await core.recorded(functionId, 'podium.setEvent')) !== null) return;
  const step = newStep(core, functionId, 'podium.setEvent', null);
  await core.deps.storage.setEvent(core.workflowId, key, serializeValue(value), step);
  core.deps.notifier.notify(eventKey(core.workflowId));
}

export async function getEvent<T>(
  core: DurableCore,
  workflowId: string,
  key: string,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T | null> {
  const name = 'podium.getEvent';
  const step = await durableWait(core, name, timeoutMs, eventKey(workflowId), async (id) => {
    const value = await core.deps.storage.getEvent(workflowId, key);
    return value === null ? null : core.deps.storage.recordStep(newStep(core, id, name, value));
  });
  return replay<T | null>(step);
}

/**
 * Waits, durably, for `attempt` to record step `functionId`. Takes two function ids: the
 * result and, after it, the recorded deadline. On timeout it records a null result.
 */
async function durableWait(
  core: DurableCore,
  name: string,
  timeoutMs: number,
  wakeKey: string,
  attempt: (functionId: number) => Promise<StepRecord | null>,
): Promise<StepRecord> {
  const functionId = core.takeFunctionId();
  const deadlineId = core.takeFunctionId();
  const { storage, notifier, pollIntervalMs } = core.deps;
  const deadlineStep =
    (await core.recorded(deadlineId, SLEEP_STEP)) ??
    (await storage.recordStep(
      newStep(core, deadlineId, SLEEP_STEP, serializeValue(Date.now() + timeoutMs)),
    ));
  const deadline = replay<number>(deadlineStep);
  for (;;) {
    // Checked every round: returns the outcome once recorded, throws once cancelled.
    const recorded = await core.recorded(functionId, name);
    if (recorded !== null) return recorded;
    const received = await attempt(functionId);
    if (received !== null) return received;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      return storage.recordStep(newStep(core, functionId, name, serializeValue(null)));
    }
    await notifier.wait(wakeKey, Math.min(remaining, pollIntervalMs), core.signal);
  }
}
