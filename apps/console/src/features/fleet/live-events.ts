import type { Executor, LiveEvent } from '@podium/protocol/rest';

/** The `type`s of the live stream's events (the SSE `event:` field). */
export const LIVE_EVENT_TYPES = [
  'snapshot',
  'executor.connected',
  'executor.disconnected',
  'executor.dead',
  'executor.recovered',
] as const;

/** Reads one event's `data:` line: null when it is not a live event this console understands. */
export type LiveEventParser = (data: string) => LiveEvent | null;

/**
 * The parser of the stream's events. The protocol's schema (and zod) load with the stream, after
 * the page is up, instead of with every page's first-load JavaScript.
 */
export async function loadLiveEventParser(): Promise<LiveEventParser> {
  const { LiveEventSchema } = await import('@podium/protocol/rest');
  return (data) => {
    try {
      const parsed = LiveEventSchema.safeParse(JSON.parse(data));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
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
