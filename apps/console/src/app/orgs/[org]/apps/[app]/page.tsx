import { redirect } from 'next/navigation';

export default async function AppPage({ params }: PageProps<'/orgs/[org]/apps/[app]'>) {
  const { org, app } = await params;
  redirect(`/orgs/${org}/apps/${app}/workflows`);
}
