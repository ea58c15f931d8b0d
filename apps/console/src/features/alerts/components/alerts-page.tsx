'use client';

import { useQuery } from '../../../lib/query';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { can } from '../../../lib/roles';
import { appQueries } from '../../applications/queries';
import { useOrgRole } from '../../organizations/queries';
import { alertQueries } from '../queries';
import { DeliveriesTable } from './deliveries-table';
import { RuleForm } from './rule-form';
import { RuleTable } from './rule-table';
import { WebhooksPanel } from './webhooks-panel';

const REFRESH_MS = 5_000;

/**
 * An application's alerting: its rules with their state, (admins) new rules and webhooks, and
 * the recent notifications with every delivery attempt.
 */
export function AlertsPage({ org, app }: { org: string; app: string }) {
  const isAdmin = can(useOrgRole(org), 'application.write');
  const rules = useQuery({ ...alertQueries.rules(org, app), refetchInterval: REFRESH_MS });
  const deliveries = useQuery({
    ...alertQueries.deliveries(org, app),
    refetchInterval: REFRESH_MS,
  });
  const webhooks = useQuery({ ...alertQueries.webhooks(org, app), enabled: isAdmin });
  const apps = useQuery(appQueries.list(org));

  return (
    <>
      <Panel title="Alerting rules">
        <QueryList
          items={rules.data}
          error={rules.error}
          empty={<EmptyState title="No alerting rules yet" />}
        >
          {(items) => (
            <RuleTable
              org={org}
              app={app}
              rules={items}
              applications={apps.data?.items}
              canEdit={isAdmin}
            />
          )}
        </QueryList>
      </Panel>
      {isAdmin && (
        <Panel title="Create a rule">
          <RuleForm org={org} app={app} applications={apps.data?.items} />
        </Panel>
      )}
      {isAdmin && (
        <Panel title="Webhooks">
          <WebhooksPanel org={org} app={app} webhooks={webhooks.data ?? []} />
        </Panel>
      )}
      <Panel title="Recent deliveries">
        <QueryList
          items={deliveries.data}
          error={deliveries.error}
          empty={<EmptyState title="Nothing sent yet" />}
        >
          {(items) => <DeliveriesTable deliveries={items} />}
        </QueryList>
      </Panel>
    </>
  );
}
