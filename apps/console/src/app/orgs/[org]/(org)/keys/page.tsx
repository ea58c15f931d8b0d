import type { Metadata } from 'next';
import { ApiKeysPage } from '../../../../../features/api-keys/components/api-keys-page';
import { conductorUrlOf, readServerEnv } from '../../../../../lib/env';

export const metadata: Metadata = { title: 'API keys' };
// The executor hint names the control plane of the runtime environment.
export const dynamic = 'force-dynamic';

export default async function KeysPage({ params }: PageProps<'/orgs/[org]/keys'>) {
  const { org } = await params;
  return <ApiKeysPage org={org} conductorUrl={conductorUrlOf(readServerEnv())} />;
}
