import { isInternalQueueName } from '@podium/protocol/rest';

/**
 * The queue name an operator sees: executors' internal queues (where resumed and recovered
 * workflows go) are bookkeeping nobody chose, so such a workflow shows as on no queue.
 */
export function visibleQueueName(name: string | null | undefined): string | null {
  return name && !isInternalQueueName(name) ? name : null;
}
