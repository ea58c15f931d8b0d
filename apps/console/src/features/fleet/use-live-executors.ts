'use client';

import type { Executor } from '@podium/protocol/rest';
import { useQueryClient } from '../../lib/query';
import { useEffect, useState } from 'react';
import { workflowsKey } from '../workflows/workflows-key';
import { liveEventsUrl } from './api';
import { fleetKey } from './fleet-key';
import { applyLiveEvent, LIVE_EVENT_TYPES, parseLiveEvent } from './live-events';

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveExecutors {
  state: LiveState;
  /** The connected executors; null until the first snapshot. */
  executors: Executor[] | null;
}

const RECONNECT_MS = 5_000;

/**
 * Follows the app's live executor stream. An executor coming or going also refreshes the
 * app's workflow and executor queries at once, so "no executor connected" turns into the
 * workflow table without waiting for the next poll.
 */
export function useLiveExecutors(org: string, app: string): LiveExecutors {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveExecutors>({ state: 'connecting', executors: null });

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;

    const onEvent = (message: MessageEvent<string>) => {
      const event = parseLiveEvent(message.data);
      if (!event) return;
      setLive((prev) => ({
        state: 'live',
        executors: applyLiveEvent(prev.executors ?? [], event),
      }));
      void queryClient.invalidateQueries({ queryKey: fleetKey(org, app) });
      if (event.type !== 'snapshot' || event.executors.length > 0) {
        void queryClient.invalidateQueries({ queryKey: workflowsKey(org, app) });
      }
    };
    const open = () => {
      source = new EventSource(liveEventsUrl(org, app));
      for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onEvent);
      source.onerror = () => {
        // EventSource retries network drops itself, but gives up on an HTTP error (401 after
        // the access cookie expired, 5xx): then try again later, once polling refreshed it.
        if (source?.readyState !== EventSource.CLOSED) {
          setLive((prev) => ({ ...prev, state: 'connecting' }));
          return;
        }
        setLive((prev) => ({ ...prev, state: 'offline' }));
        retry = setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [org, app, queryClient]);

  return live;
}
