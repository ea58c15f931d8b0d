'use client';

import { useSyncExternalStore } from 'react';
import { currentCsrfToken } from './csrf';
import { onSessionChanged } from './session-events';

const hasSession = () => currentCsrfToken() !== undefined;
// The server cannot see the browser's cookies: "unknown" until hydrated.
const unknown = () => null;

/**
 * Whether this browser holds a session (its readable CSRF cookie is there): `null` during
 * server rendering and hydration, then a boolean. A hint only: the session may still have
 * ended on the server, which the first request then reports.
 */
export function useSessionHint(): boolean | null {
  return useSyncExternalStore(onSessionChanged, hasSession, unknown);
}
