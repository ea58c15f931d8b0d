'use client';

import { AppError } from '@podium/protocol/rest';
import { useQuery } from '../../lib/query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { signInPath } from '../../features/session/next-path';
import { sessionQueries } from '../../features/session/queries';
import { isSigningOut, onSessionLost } from '../../lib/session-events';
import { useSessionHint } from '../../lib/use-session-hint';
import { ProblemAlert } from '../ui/problem-alert';

/**
 * Shows `children` only to a signed-in user. Without a session (no cookie, or requests
 * refused even after a refresh) the browser goes to sign-in, which brings it back here.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const hasSession = useSessionHint();
  const me = useQuery({ ...sessionQueries.me(), enabled: hasSession === true });
  const lost =
    hasSession === false ||
    (me.isError && AppError.is(me.error) && me.error.code === 'UNAUTHENTICATED');

  useEffect(() => {
    const here = search ? `${pathname}?${search}` : pathname;
    const toSignIn = () => {
      if (!isSigningOut()) router.replace(signInPath(here));
    };
    if (lost) toSignIn();
    return onSessionLost(toSignIn);
  }, [lost, pathname, search, router]);

  // Until hydrated the answer is the server's "Loading…", even if the header's request for the
  // same user has already filled the cache: this boundary can hydrate after that request ends,
  // and showing the page then would not match the server's HTML (React error #418).
  if (hasSession === null) return <Loading />;
  if (me.isSuccess) return children;
  if (me.isError && !lost) return <ProblemAlert error={me.error} />;
  return lost ? <Loading text="Redirecting to sign-in…" /> : <Loading />;
}

function Loading({ text = 'Loading…' }: { text?: string }) {
  return (
    <p className="muted" role="status">
      {text}
    </p>
  );
}
