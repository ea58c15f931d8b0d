'use client';

import { Link } from '../../../components/ui/link';
import { TabNav } from '../../../components/ui/tab-nav';
import { LiveIndicator } from '../../fleet/components/live-indicator';
import { useAppContext } from './app-context';

/** The application's name, its live executor count, and its sections. */
export function ApplicationHeader() {
  const { org, app } = useAppContext();
  const base = `/orgs/${org}/apps/${app}`;
  return (
    <div className="section-header">
      <p className="eyebrow">
        <Link href={`/orgs/${org}`}>{org}</Link> / applications
      </p>
      <div className="page-heading">
        <h1 className="mono">{app}</h1>
        <LiveIndicator />
      </div>
      <TabNav
        label="Application"
        items={[
          { href: `${base}/overview`, label: 'Overview' },
          { href: `${base}/workflows`, label: 'Workflows', prefixMatch: true },
          { href: `${base}/executors`, label: 'Executors' },
          { href: `${base}/queues`, label: 'Queues' },
          { href: `${base}/schedules`, label: 'Schedules' },
          { href: `${base}/versions`, label: 'Versions' },
          { href: `${base}/alerts`, label: 'Alerts' },
          { href: `${base}/timeline`, label: 'Timeline' },
          { href: `${base}/settings`, label: 'Settings' },
        ]}
      />
    </div>
  );
}
