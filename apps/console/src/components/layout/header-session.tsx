'use client';

import { useQuery } from '../../lib/query';
import { Link } from '../ui/link';
import { OrgSwitcher } from '../../features/organizations/components/org-switcher';
import { useSignOut } from '../../features/session/mutations';
import { sessionQueries } from '../../features/session/queries';
import { useSessionHint } from '../../lib/use-session-hint';
import { hardNavigate } from '../../lib/hard-navigate';
import { markSigningOut } from '../../lib/session-events';

/**
 * The header's right side: who is signed in (a link to their account), their organizations,
 * and signing out.
 */
export function HeaderSession() {
  const hasSession = useSessionHint();
  const me = useQuery({ ...sessionQueries.me(), enabled: hasSession === true });
  const signOut = useSignOut();

  if (hasSession === null) return null;
  if (!hasSession) {
    return (
      <>
        <Link href="/sign-in" className="header-link">
          Sign in
        </Link>
        <Link href="/sign-up" className="header-link">
          Sign up
        </Link>
      </>
    );
  }
  return (
    <>
      {me.data && <OrgSwitcher organizations={me.data.organizations} />}
      {me.data && (
        <Link
          href="/account"
          className="header-user"
          data-testid="header-user"
          title={`${me.data.user.email}: your account`}
        >
          {me.data.user.displayName}
        </Link>
      )}
      <button
        type="button"
        className="btn btn-small btn-on-dark"
        disabled={signOut.isPending}
        onClick={() => {
          markSigningOut();
          signOut.mutate(undefined, { onSettled: () => hardNavigate('/sign-in') });
        }}
      >
        Sign out
      </button>
    </>
  );
}
