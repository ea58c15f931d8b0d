'use client';

import { useQuery } from '../../../lib/query';
import { TabNav } from '../../../components/ui/tab-nav';
import { can, roleLabel, roleOf } from '../../../lib/roles';
import { sessionQueries } from '../../session/queries';

/** An organization's name, the user's role there, and its sections. */
export function OrgHeader({ org }: { org: string }) {
  const me = useQuery(sessionQueries.me());
  const membership = me.data?.organizations.find((o) => o.name === org);
  const role = membership && roleOf(membership.role, membership.permissions);
  const base = `/orgs/${org}`;
  return (
    <div className="section-header">
      <div className="page-heading">
        <h1>{membership?.displayName ?? org}</h1>
        {membership && (
          <span className="role-pill" data-testid="org-role" data-role={membership.role}>
            {roleLabel(membership.role)}
          </span>
        )}
      </div>
      <TabNav
        label="Organization"
        items={[
          { href: base, label: 'Applications' },
          { href: `${base}/fleet`, label: 'Fleet' },
          ...(can(role, 'token.read') ? [{ href: `${base}/keys`, label: 'API keys' }] : []),
          { href: `${base}/members`, label: 'Members' },
          { href: `${base}/timeline`, label: 'Timeline' },
          ...(can(role, 'organization.read')
            ? [{ href: `${base}/audit`, label: 'Audit log' }]
            : []),
        ]}
      />
    </div>
  );
}
