'use client';

import { useQuery } from '../../../lib/query';
import { Link } from '../../../components/ui/link';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { sessionQueries } from '../../session/queries';

/** Pages of an organization the user is not in say so (the API answers 404 for them too). */
export function OrgGate({ org, children }: { org: string; children: ReactNode }) {
  const me = useQuery(sessionQueries.me());
  if (!me.data) return null;
  if (!me.data.organizations.some((o) => o.name === org)) {
    return (
      <EmptyState title="Organization not found" testId="org-not-found">
        <p>
          You are not a member of an organization named <span className="mono">{org}</span>.{' '}
          <Link href="/">Your organizations</Link>
        </p>
      </EmptyState>
    );
  }
  return children;
}
