import { queryOptions } from '../../lib/query/query';
import { fetchDomainClaims, fetchJoinSecrets, fetchMembers, fetchRoles } from './api';

export const memberQueries = {
  all: (org: string) => ['members', org] as const,
  list: (org: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(org), 'list'],
      queryFn: ({ signal }) => fetchMembers(org, { signal }),
    }),
  roles: (org: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(org), 'roles'],
      queryFn: ({ signal }) => fetchRoles(org, { signal }),
    }),
  joinSecrets: (org: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(org), 'join-secrets'],
      queryFn: ({ signal }) => fetchJoinSecrets(org, { signal }),
    }),
  domainClaims: (org: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(org), 'domain-claims'],
      queryFn: ({ signal }) => fetchDomainClaims(org, { signal }),
    }),
};
