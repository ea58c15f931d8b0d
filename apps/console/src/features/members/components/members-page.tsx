'use client';

import { useQuery } from '@tanstack/react-query';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { memberQueries } from '../queries';
import { JoinSecretsPanel } from './join-secrets-panel';
import { MemberTable } from './member-table';

export function MembersPage({ org }: { org: string }) {
  const members = useQuery(memberQueries.list(org));
  const role = useOrgRole(org);
  return (
    <>
      <Panel title="Members">
        <QueryList items={members.data?.items} error={members.error}>
          {(items) => <MemberTable org={org} members={items} myRole={role} />}
        </QueryList>
      </Panel>
      {can(role, 'admin') && <JoinSecretsPanel org={org} myRole={role} />}
    </>
  );
}
