'use client';

import type { UserOrganization } from '@podium/protocol/rest';
import { useParams, useRouter } from 'next/navigation';
import { useId } from 'react';

/** Jumps between the user's organizations; "All organizations" is the home page. */
export function OrgSwitcher({ organizations }: { organizations: UserOrganization[] }) {
  const { org } = useParams<{ org?: string }>();
  const router = useRouter();
  const id = useId();
  if (organizations.length === 0) return null;
  return (
    <div className="org-switcher">
      <label htmlFor={id} className="visually-hidden">
        Organization
      </label>
      <select
        id={id}
        value={org ?? ''}
        onChange={(event) => router.push(event.target.value ? `/orgs/${event.target.value}` : '/')}
      >
        <option value="">All organizations</option>
        {organizations.map((o) => (
          <option key={o.id} value={o.name}>
            {o.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
