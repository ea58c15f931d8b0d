// The operator's choice of time zone for every timestamp the console shows: the browser's own
// ("local") or UTC. Kept in localStorage, so it holds across pages and visits, and shared by
// every mounted timestamp through one subscription (changing it re-renders them all at once).
import { useSyncExternalStore } from 'react';

export type TimeZoneSetting = 'local' | 'utc';

const STORAGE_KEY = 'podium.timeZone';
const listeners = new Set<() => void>();

export function readTimeZone(): TimeZoneSetting {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'utc' ? 'utc' : 'local';
  } catch {
    return 'local'; // storage blocked: the default
  }
}

export function setTimeZone(zone: TimeZoneSetting): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, zone);
  } catch {
    // Storage blocked: the choice lasts until the page is left.
    fallback = zone;
  }
  for (const listener of listeners) listener();
}

let fallback: TimeZoneSetting | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed it.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** The current setting; `local` while rendering on the server. */
export function useTimeZone(): TimeZoneSetting {
  return useSyncExternalStore(
    subscribe,
    () => fallback ?? readTimeZone(),
    () => 'local',
  );
}
