import { HealthOverview } from '../../features/health/components/health-overview';
import { healthQueries } from '../../features/health/queries';
import { getQueryClient } from '../../lib/get-query-client';
import { HydrationBoundary } from '../../lib/query/hydration-boundary';

// Health is live data from the control plane named by the runtime environment.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const queryClient = getQueryClient();
  // Failures are not thrown here: the browser retries them and shows the reason.
  await Promise.all([
    queryClient.prefetchQuery(healthQueries.liveness()),
    queryClient.prefetchQuery(healthQueries.readiness()),
  ]);
  return (
    <HydrationBoundary state={queryClient.dehydrate()}>
      <HealthOverview />
    </HydrationBoundary>
  );
}
