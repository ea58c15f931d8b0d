'use client';

import type { CreateApiKeyResponse } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { can } from '../../../lib/roles';
import { appQueries } from '../../applications/queries';
import { useOrgRole } from '../../organizations/queries';
import { apiKeyQueries } from '../queries';
import { CreateKeyForm } from './create-key-form';
import { KeyTable } from './key-table';
import { NewKeySecret } from './new-key-secret';

/**
 * API keys of an organization: listed to whoever holds `token.read`; created, shown once,
 * renamed and revoked by whoever also holds `token.write`.
 */
export function ApiKeysPage({ org, conductorUrl }: { org: string; conductorUrl: string }) {
  const role = useOrgRole(org);
  const mayRead = can(role, 'token.read');
  const mayWrite = can(role, 'token.write');
  const keys = useQuery({ ...apiKeyQueries.list(org), enabled: mayRead });
  const apps = useQuery({ ...appQueries.list(org), enabled: mayWrite });
  const [created, setCreated] = useState<CreateApiKeyResponse | null>(null);

  if (role && !mayRead) return <p className="muted">Your role does not show API keys.</p>;
  return (
    <>
      {created && (
        <NewKeySecret
          apiKey={created}
          applications={apps.data?.items ?? []}
          conductorUrl={conductorUrl}
          onDone={() => setCreated(null)}
        />
      )}
      {mayWrite && (
        <Panel title="Create an API key">
          <CreateKeyForm org={org} applications={apps.data?.items} onCreated={setCreated} />
        </Panel>
      )}
      <Panel title="API keys">
        <QueryList
          items={keys.data?.items}
          error={keys.error}
          empty={
            <EmptyState title="No API keys yet">
              {mayWrite
                ? 'Create one for your app’s executors.'
                : 'Members who may write API keys create them.'}
            </EmptyState>
          }
        >
          {(items) => <KeyTable org={org} keys={items} mayWrite={mayWrite} />}
        </QueryList>
      </Panel>
    </>
  );
}
