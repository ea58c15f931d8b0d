import type { Executor, LiveEvent } from '@podium/protocol/rest';

/** The `type`s of the live stream's events (the SSE `event:` field). */
export const LIVE_EVENT_TYPES = [
  'snapshot',
  'executor.connected',
  'executor.disconnected',
  'executor.dead',
  'executor.recovered',
] as const;

/**
 * One event's `data:` line, or null when it is not JSON. The console's /api proxy has checked it
 * against the protocol's LiveEventSchema (`liveEventsUrl` asks it to) and dropped events that do
 * not match, so the browser needs neither zod nor the schema.
 */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    return JSON.parse(data) as LiveEvent;
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
