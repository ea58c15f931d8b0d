import type { MessageType } from '@podium/protocol';
import type { ExecutorRequestFailure } from '../../links/executor-request-error';

/**
 * Commands between replicas: what the requester publishes on the owner's command channel, and
 * what the owner answers on the requester's reply channel (JSON, large ones spilled: see
 * SpillingPublisher). Replicas of one deployment run the same code, so these are trusted.
 */
export interface RemoteCommandRequest {
  readonly id: string;
  /** The requester: replies go to its reply channel. */
  readonly replyTo: string;
  readonly applicationId: string;
  readonly executorId: string;
  readonly type: MessageType;
  readonly fields: Record<string, unknown> | undefined;
  readonly timeoutMs: number;
  /** Epoch ms after which the requester no longer waits: the owner drops it unsent. */
  readonly expiresAt: number;
}

export type RemoteCommandReply =
  | { readonly id: string; readonly outcome: 'answered'; readonly response: unknown }
  | {
      readonly id: string;
      readonly outcome: 'failed';
      readonly code: ExecutorRequestFailure;
      readonly message: string;
      /** As ExecutorRequestError.delivered: whether the executor may have seen it. */
      readonly delivered: boolean;
    };

/** Where a replica hears commands for its links. */
export function commandChannel(key: (...parts: string[]) => string, replicaId: string): string {
  return key('replica', replicaId, 'commands');
}

/** Where a replica hears the answers to the commands it routed. */
export function replyChannel(key: (...parts: string[]) => string, replicaId: string): string {
  return key('replica', replicaId, 'replies');
}
