// Zod-free (see permission-names.ts): the console's browser code imports these at run time.

/** The queue DBOS executors put resumed, recovered and debounced workflows on when they had none. */
export const DBOS_INTERNAL_QUEUE = '_dbos_internal_queue';
/** @podium/sdk's counterpart of `DBOS_INTERNAL_QUEUE`. */
export const PODIUM_INTERNAL_QUEUE = '_podium_internal_queue';

/**
 * True for a queue executors keep for their own bookkeeping: an operator never chose it, so the
 * console never shows it (a workflow on it is shown as on no queue).
 */
export function isInternalQueueName(name: string | null | undefined): boolean {
  return name === DBOS_INTERNAL_QUEUE || name === PODIUM_INTERNAL_QUEUE;
}
