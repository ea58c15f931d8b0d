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

/** API keys of an organization (admins only): create, see once, list, rename, revoke. */
export function ApiKeysPage({ org, conductorUrl }: { org: string; conductorUrl: string }) {
  const role = useOrgRole(org);
  const isAdmin = can(role, 'token.write');
  const keys = useQuery({ ...apiKeyQueries.list(org), enabled: isAdmin });
  const apps = useQuery({ ...appQueries.list(org), enabled: isAdmin });
  const [created, setCreated] = useState<CreateApiKeyResponse | null>(null);

  if (role && !isAdmin) return <p className="muted">Only admins manage API keys.</p>;
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
      <Panel title="Create an API key">
        <CreateKeyForm org={org} applications={apps.data?.items} onCreated={setCreated} />
      </Panel>
      <Panel title="API keys">
        <QueryList
          items={keys.data?.items}
          error={keys.error}
          empty={
            <EmptyState title="No API keys yet">Create one for your app’s executors.</EmptyState>
          }
        >
          {(items) => <KeyTable org={org} keys={items} />}
        </QueryList>
      </Panel>
    </>
  );
}
