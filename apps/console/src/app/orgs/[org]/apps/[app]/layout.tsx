import { AppContextProvider } from '../../../../../features/applications/components/app-context';
import { ApplicationHeader } from '../../../../../features/applications/components/application-header';
import { conductorUrlOf, readServerEnv } from '../../../../../lib/env';

// The "connect an executor" hints name the control plane of the runtime environment.
export const dynamic = 'force-dynamic';

export default async function AppLayout({
  params,
  children,
}: LayoutProps<'/orgs/[org]/apps/[app]'>) {
  const { org, app } = await params;
  return (
    <AppContextProvider org={org} app={app} conductorUrl={conductorUrlOf(readServerEnv())}>
      <ApplicationHeader />
      {children}
    </AppContextProvider>
  );
}
