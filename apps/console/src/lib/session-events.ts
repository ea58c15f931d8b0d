// Who needs to know when the session starts, ends or is found gone: the header (which
// shows the user only while a session cookie exists) and the sign-in gate (which sends
// the browser to sign-in when a request comes back 401 even after a refresh).

type Listener = () => void;
const changed = new Set<Listener>();
const lost = new Set<Listener>();
let signingOut = false;

/** Signed in or out in this tab: re-read the session cookie. */
export function notifySessionChanged(): void {
  for (const listener of [...changed]) listener();
}

export function onSessionChanged(listener: Listener): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

/**
 * This tab is signing out and will load sign-in itself. From here on a refused request or a
 * vanished cookie is expected: nobody else may navigate (two navigations race, and the
 * gate's `/sign-in?next=` could win over the sign-out's own load).
 */
export function markSigningOut(): void {
  signingOut = true;
}

export function isSigningOut(): boolean {
  return signingOut;
}

/** A request was refused as unauthenticated and refreshing did not help. */
export function notifySessionLost(): void {
  if (signingOut) return;
  for (const listener of [...lost]) listener();
}

export function onSessionLost(listener: Listener): () => void {
  lost.add(listener);
  return () => lost.delete(listener);
}
