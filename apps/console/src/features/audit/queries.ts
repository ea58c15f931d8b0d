import { queryOptions } from '../../lib/query/query';
import { fetchAuditLogs, type AuditFilters } from './api';

export const auditQueries = {
  all: (org: string) => ['audit', org] as const,
  list: (org: string, filters: AuditFilters) =>
    queryOptions({
      queryKey: [...auditQueries.all(org), filters],
      queryFn: ({ signal }) => fetchAuditLogs(org, filters, { signal }),
      staleTime: 0,
    }),
};
