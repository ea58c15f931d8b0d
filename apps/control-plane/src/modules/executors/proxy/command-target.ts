import type { MessageType, RequestFieldsOf, ResponseOf } from '@podium/protocol';
import type { ExecutorIdentity, LiveExecutor } from '../executor-registry';

/**
 * One executor the proxy may send a command to: linked here, or to another replica (then the
 * command travels through Redis: RemoteCommandClient). Both fail the same way: with an
 * ExecutorRequestError whose `delivered` says whether the executor may have seen the command.
 */
export interface CommandTarget {
  readonly identity: ExecutorIdentity;
  /** When its link opened: candidates are ordered newest first. */
  readonly linkedAt: Date;
  /** False once its link is known to be closed (nothing would be sent). */
  isOpen(): boolean;
  request<K extends MessageType>(
    type: K,
    fields: RequestFieldsOf<K> | undefined,
    timeoutMs: number,
  ): Promise<ResponseOf<K>>;
  /** What log lines say about where it is. */
  readonly logFields: Readonly<Record<string, string>>;
}

/** An executor whose link this process holds. */
export function localTarget({ link, identity }: LiveExecutor): CommandTarget {
  return {
    identity,
    linkedAt: link.openedAt,
    isOpen: () => link.isOpen,
    request: (type, fields, timeoutMs) => link.request(type, fields, timeoutMs),
    logFields: { linkId: link.id },
  };
}
