import { createScratchDatabase } from '@podium/db/testing';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { startDbosExecutor, type DbosExecutorProcess } from './dbos-executor';
import { startTestControlPlane, type RunningControlPlane } from './start';

export interface DbosApp {
  readonly server: RunningControlPlane;
  readonly api: ReturnType<typeof apiClient>;
  readonly f: ReturnType<typeof factories>;
  readonly org: { id: string; name: string };
  readonly app: { id: string; name: string };
  /** `/v2/orgs/{org}/apps/{app}`. */
  readonly base: string;
  /** The key the executor connected with (`websocket.connect`, `application.read`/`write`). */
  readonly key: string;
  readonly executor: DbosExecutorProcess;
  /** Stops the executor and the control plane, drops both databases. */
  stop(): Promise<void>;
}

/**
 * A control plane on a scratch PostgreSQL database with one organization, application and API
 * key, and the real DBOS 5.2.11 app fixture connected to it (its own scratch system database).
 */
export async function startDbosApp(
  scenario?: Parameters<typeof startDbosExecutor>[0]['scenario'],
): Promise<DbosApp> {
  const scratch = await createScratchDatabase();
  const systemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
  let server: RunningControlPlane | undefined;
  let executor: DbosExecutorProcess | undefined;
  const stop = async () => {
    await executor?.stop();
    await server?.close();
    await scratch.drop();
    await systemDb.drop();
  };
  try {
    server = await startTestControlPlane({ kind: 'postgres', url: scratch.url });
    const f = factories(server.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const key = (await f.newApiKey(org.id)).secret;
    executor = await startDbosExecutor({
      appName: app.name,
      conductorUrl: server.conductorUrl,
      apiKey: key,
      systemDatabaseUrl: systemDb.url,
      scenario,
    });
    const base = `/v2/orgs/${org.name}/apps/${app.name}`;
    return { server, api: apiClient(server.url), f, org, app, base, key, executor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
