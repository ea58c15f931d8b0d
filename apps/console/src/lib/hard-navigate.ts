/**
 * A full page load of `path` (history entry replaced). Used when the session starts or
 * ends: the client router may hold pages prefetched under the other session state (Proxy's
 * redirect to sign-in, for one), and a fresh load is the one way to drop all of them.
 */
export function hardNavigate(path: string): void {
  window.location.replace(path);
}
