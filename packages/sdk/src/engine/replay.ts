/** Turning a recorded step back into what the workflow sees. */
import { deserializeError, deserializeValue } from '../internal/serialization';
import type { StepRecord } from './storage/storage';

/** Function name of the checkpoints of durable sleeps and wait deadlines. */
export const SLEEP_STEP = 'podium.sleep';

/** The recorded value of a step, or its recorded error thrown. */
export function replay<T>(step: StepRecord): T {
  if (step.error !== null) throw deserializeError(step.error);
  return (step.output === null ? undefined : deserializeValue(step.output)) as T;
}
