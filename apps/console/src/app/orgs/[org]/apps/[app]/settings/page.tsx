import type { Metadata } from 'next';
import { AppSettings } from '../../../../../../features/applications/components/app-settings';

export const metadata: Metadata = { title: 'Settings' };

export default async function AppSettingsPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/settings'>) {
  const { org, app } = await params;
  return <AppSettings org={org} app={app} />;
}
