import { LiveEventSchema, type Executor, type LiveEvent } from '@podium/protocol/rest';

/** The `type`s of the live stream's events (the SSE `event:` field). */
export const LIVE_EVENT_TYPES = [
  'snapshot',
  'executor.connected',
  'executor.disconnected',
  'executor.dead',
  'executor.recovered',
] as const;

/** One event's `data:` line, or null when it is not a live event this console understands. */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    const parsed = LiveEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The connected executors after `event` (the stream opens with a snapshot of them). */
export function applyLiveEvent(connected: readonly Executor[], event: LiveEvent): Executor[] {
  switch (event.type) {
    case 'snapshot':
      return event.executors;
    case 'executor.connected':
      return [
        event.executor,
        ...connected.filter((e) => e.executorId !== event.executor.executorId),
      ];
    case 'executor.disconnected':
    case 'executor.dead':
    case 'executor.recovered':
      return connected.filter((e) => e.executorId !== event.executor.executorId);
  }
}
