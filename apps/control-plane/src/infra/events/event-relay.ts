/**
 * What carries events between replicas (see RedisEventRelay). EventBus hands it every event
 * it emits, after commit, and re-emits locally what other replicas published.
 */
export interface EventRelay {
  /** Starts delivering other replicas' events to `receive`. */
  start(receive: (event: string, payload: unknown) => void): Promise<void>;
  /** Sends a local event to the other replicas; never throws (failures are logged). */
  publish(event: string, payload: unknown): void;
  stop(): Promise<void>;
}

/** Injection token for the relay; absent when this process runs alone. */
export const EVENT_RELAY = Symbol('EventRelay');
