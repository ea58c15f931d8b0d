'use client';

import { useQuery } from '../../../lib/query';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { memberQueries } from '../queries';
import { DomainClaimsPanel } from './domain-claims-panel';
import { JoinSecretsPanel } from './join-secrets-panel';
import { MemberTable } from './member-table';
import { RolesPanel } from './roles-panel';

export function MembersPage({ org }: { org: string }) {
  const members = useQuery(memberQueries.list(org));
  const roles = useQuery(memberQueries.roles(org));
  const role = useOrgRole(org);
  return (
    <>
      <Panel title="Members">
        <QueryList items={members.data?.items} error={members.error ?? roles.error}>
          {(items) => (
            <MemberTable org={org} members={items} roles={roles.data ?? []} myRole={role} />
          )}
        </QueryList>
      </Panel>
      {roles.data && <RolesPanel org={org} roles={roles.data} myRole={role} />}
      {can(role, 'organization.write') && (
        <>
          <JoinSecretsPanel org={org} myRole={role} />
          <DomainClaimsPanel org={org} />
        </>
      )}
    </>
  );
}
