import { useQuery } from '../../lib/query';
import { queryOptions } from '../../lib/query/query';
import type { RoleOutput } from '@podium/protocol/rest';
import { roleOf } from '../../lib/roles';
import { sessionQueries } from '../session/queries';
import { fetchOrganization } from './api';

export const orgQueries = {
  all: () => ['orgs'] as const,
  detail: (org: string) =>
    queryOptions({
      queryKey: [...orgQueries.all(), org],
      queryFn: ({ signal }) => fetchOrganization(org, { signal }),
    }),
};

/** The signed-in user's role in `org` (from `/v2/users/me`); undefined while unknown. */
export function useOrgRole(org: string): RoleOutput | undefined {
  const me = useQuery(sessionQueries.me());
  const membership = me.data?.organizations.find((o) => o.name === org);
  return membership && roleOf(membership.role, membership.permissions);
}
