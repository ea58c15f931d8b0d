import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { apiClient } from './api-client';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { startTestControlPlane, type ConfigOverrides, type RunningControlPlane } from './start';
import { waitUntil } from './wait-until';

/** One scripted executor of the application: its script, and what it reports of itself. */
export interface ScriptedExecutorSpec {
  readonly script: Script;
  /** `typescript` unless said. */
  readonly language?: string;
  /** Its `dbos_version`: DBOS 5.2.11 unless said (`podium-sdk/…` makes it a @podium/sdk one). */
  readonly sdkVersion?: string;
}

type Api = ReturnType<typeof apiClient>;

export interface ScriptedApp {
  readonly app: { readonly id: string; readonly name: string };
  /** `/v2/orgs/{org}/apps/{app}`. */
  readonly base: string;
  readonly links: ScriptedLink[];
  /** How many requests of `type` each executor received, in link order. */
  readonly sentOf: (type: string) => number[];
  /** The API at `path` under `/v2/orgs/{org}/apps/{app}`, with the organization's key. */
  readonly call: (method: string, path: string, body?: unknown) => ReturnType<Api>;
}

/**
 * The hooks of a file of tests on applications with scripted executors: a control plane on a
 * scratch PostgreSQL database, an organization and its key (created before the tests, all closed
 * and dropped after them). `connectedApp` links a new application's executors; `auditEvents`
 * reads the organization's audit entries of an action.
 */
export function useScriptedApps(overrides: ConfigOverrides = {}) {
  let scratch: ScratchDatabase | undefined;
  let context:
    { server: RunningControlPlane; org: { id: string; name: string }; key: string } | undefined;
  const links: ScriptedLink[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const server = await startTestControlPlane({ kind: 'postgres', url: scratch.url }, overrides);
    const f = factories(server.app);
    const org = await f.newOrg();
    context = { server, org, key: (await f.newApiKey(org.id)).secret };
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await context?.server.close();
    await scratch?.drop();
  });
  const ready = () => {
    if (!context) throw new Error('useScriptedApps starts its control plane in beforeAll');
    return context;
  };
  return {
    connectedApp: async (...executors: ScriptedExecutorSpec[]): Promise<ScriptedApp> => {
      const { server, org, key } = ready();
      const app = await linkScriptedApp(server, org, key, executors);
      links.push(...app.links);
      return app;
    },
    auditEvents: (action: string) => {
      const { server, org } = ready();
      return server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
        where: { organizationId: org.id, action },
      });
    },
  };
}

/**
 * A new application of `org` whose executors are scripted, linked through the gateway with
 * `key` (real WebSockets, version v1), once the registry holds every link.
 */
export async function linkScriptedApp(
  server: RunningControlPlane,
  org: { readonly id: string; readonly name: string },
  key: string,
  executors: readonly ScriptedExecutorSpec[],
): Promise<ScriptedApp> {
  const app = await factories(server.app).newApp(org.id);
  const links: ScriptedLink[] = [];
  for (const [i, { script, language, sdkVersion }] of executors.entries()) {
    links.push(
      await connectScriptedExecutor(
        `${server.conductorUrl}/websocket/${app.name}/${key}`,
        {
          executor_id: `exec-${app.name}-${i}`,
          application_version: 'v1',
          ...(language && { language }),
          ...(sdkVersion && { dbos_version: sdkVersion }),
        },
        script,
      ),
    );
  }
  const registry = server.app.get(ExecutorRegistry);
  await waitUntil(
    () => registry.forApplication(app.id).length === executors.length,
    10_000,
    'executors linked',
  );
  const api = apiClient(server.url);
  const base = `/v2/orgs/${org.name}/apps/${app.name}`;
  return {
    app,
    base,
    links,
    sentOf: (type) => links.map((link) => link.requests.filter((r) => r.type === type).length),
    call: (method, path, body) => api(method, `${base}${path}`, { key, body }),
  };
}
