// Who needs to know when the session starts, ends or is found gone: the header (which
// shows the user only while a session cookie exists) and the sign-in gate (which sends
// the browser to sign-in when a request comes back 401 even after a refresh).

type Listener = () => void;
const changed = new Set<Listener>();
const lost = new Set<Listener>();

/** Signed in or out in this tab: re-read the session cookie. */
export function notifySessionChanged(): void {
  for (const listener of [...changed]) listener();
}

export function onSessionChanged(listener: Listener): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

/** A request was refused as unauthenticated and refreshing did not help. */
export function notifySessionLost(): void {
  for (const listener of [...lost]) listener();
}

export function onSessionLost(listener: Listener): () => void {
  lost.add(listener);
  return () => lost.delete(listener);
}
