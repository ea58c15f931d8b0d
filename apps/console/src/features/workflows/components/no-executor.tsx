'use client';

import { Link } from '../../../components/ui/link';
import { EmptyState } from '../../../components/ui/empty-state';
import { useAppContext } from '../../applications/components/app-context';

/** The 503 answer: workflow data comes from executors, and none of this app is connected. */
export function NoExecutor() {
  const { org, app, conductorUrl } = useAppContext();
  return (
    <EmptyState title={`No executor of ${app} is connected`} testId="no-executor">
      <p>
        Podium reads workflows from your app’s own processes (its executors), never from its
        database. Start your app with an API key that may connect executors, and its workflows show
        up here within seconds:
      </p>
      <pre className="command">
        {`CONDUCTOR_KEY=<api key> CONDUCTOR_URL=${conductorUrl} APP_NAME=${app} node dist/main.js`}
      </pre>
      <p>
        DBOS apps: set <code>conductorKey</code> and <code>conductorURL</code>, with{' '}
        <code>appName</code> “{app}”. <Link href={`/orgs/${org}/keys`}>Create an API key</Link>
      </p>
    </EmptyState>
  );
}
