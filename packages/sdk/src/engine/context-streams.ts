/**
 * The context's stream writes: `writeStream` and `closeStream`.
 *
 * Invariant: each write is a durable operation (it takes a function id) whose value and
 * checkpoint are stored in one transaction, so a replayed workflow never writes a value twice,
 * and readers see every value exactly once, in order.
 */
import { serializeValue } from '../internal/serialization';
import { type DurableCore, newStep } from './context-messaging';
import { streamKey } from './notifier';
import { PODIUM_JSON, STREAM_CLOSED } from './storage/history-storage';

/** Function names of the checkpoints of stream writes. */
export const WRITE_STREAM_STEP = 'podium.writeStream';
export const CLOSE_STREAM_STEP = 'podium.closeStream';

export function writeStream(core: DurableCore, key: string, value: unknown): Promise<void> {
  const entry = { value: serializeValue(value), serialization: PODIUM_JSON };
  return append(core, key, entry, WRITE_STREAM_STEP);
}

export function closeStream(core: DurableCore, key: string): Promise<void> {
  return append(core, key, STREAM_CLOSED, CLOSE_STREAM_STEP);
}

async function append(
  core: DurableCore,
  key: string,
  entry: { value: string; serialization: string },
  name: string,
): Promise<void> {
  const functionId = core.takeFunctionId();
  if ((await core.recorded(functionId, name)) !== null) return;
  const step = newStep(core, functionId, name, null);
  const { workflowId } = core;
  if (await core.deps.storage.streams.writeStream({ workflowId, key, ...entry }, step)) {
    core.deps.notifier.notify(streamKey(workflowId, key));
  }
}
