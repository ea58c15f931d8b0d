import { queryOptions } from '../../lib/query/query';
import { fetchAlertDeliveries, fetchAlertRules, fetchAlertWebhooks } from './api';

export const alertQueries = {
  all: (org: string, app: string) => ['alerts', org, app] as const,
  rules: (org: string, app: string) =>
    queryOptions({
      queryKey: [...alertQueries.all(org, app), 'rules'],
      queryFn: ({ signal }) => fetchAlertRules(org, app, { signal }),
    }),
  webhooks: (org: string, app: string) =>
    queryOptions({
      queryKey: [...alertQueries.all(org, app), 'webhooks'],
      queryFn: ({ signal }) => fetchAlertWebhooks(org, app, { signal }),
    }),
  deliveries: (org: string, app: string) =>
    queryOptions({
      queryKey: [...alertQueries.all(org, app), 'deliveries'],
      queryFn: ({ signal }) => fetchAlertDeliveries(org, app, { signal }),
    }),
};
