// Dead-executor recovery through a real control plane and real links, with scripted executors
// that share a pretend system database (see systemDatabase in pretend-system-database.ts): the
// setup and helpers of executor-recovery.e2e.test.ts and executor-died-alert.e2e.test.ts.
import { once } from 'node:events';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { type AuditLogEntry, type Executor, ListExecutorsResponseSchema } from '@podium/protocol';
import { AuditService } from '../../src/modules/audit/audit.service';
import { ApplicationsRepository } from '../../src/modules/applications/applications.repository';
import { afterAll, beforeAll } from 'vitest';
import { ExecutorRecoveryService } from '../../src/modules/executors/recovery/executor-recovery.service';
import type { Script } from '../support/link-harness';
import { factories } from '../factories';
import { apiClient } from './api-client';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { startTestControlPlane, type RunningControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

const SWEEP_MS = 300;

export interface Setup {
  server: RunningControlPlane;
  org: { id: string; name: string };
  key: string;
}

/** A control plane on `scratch`, with a new organization and key unless given theirs. */
export async function setUp(
  scratch: ScratchDatabase,
  reuse?: Omit<Setup, 'server'>,
): Promise<Setup> {
  const server = await startTestControlPlane(
    { kind: 'postgres', url: scratch.url },
    // Answering executors (executor_info, exist_pending_workflows, recovery) must beat the
    // request timeout on a loaded machine; only the silent one in one test waits it out.
    { executors: { recoverySweepMs: SWEEP_MS, requestTimeoutMs: 3_000 } },
  );
  if (reuse) return { server, ...reuse };
  const f = factories(server.app);
  const org = await f.newOrg();
  const key = (await f.newApiKey(org.id)).secret;
  return { server, org, key };
}

/** An application with a grace period below the API's minimum (set in its row, as the API does). */
export async function newApp({ server, org }: Setup, gracePeriodSeconds: number) {
  const name = `app-${Math.random().toString(36).slice(2, 10)}`;
  return server.app
    .get(ApplicationsRepository)
    .create(org.id, name, { executorGracePeriodSeconds: gracePeriodSeconds });
}

export function helpers(setup: Setup, app: { name: string }) {
  const api = apiClient(setup.server.url);
  const wsUrl = `${setup.server.conductorUrl}/websocket/${app.name}/${setup.key}`;
  const executors = async (): Promise<Executor[]> => {
    const res = await api('get', `/v2/orgs/${setup.org.name}/apps/${app.name}/executors`, {
      key: setup.key,
    });
    return ListExecutorsResponseSchema.parse(res.body);
  };
  const executor = async (id: string) => (await executors()).find((e) => e.executorId === id);
  return {
    connect: (id: string, version: string, script: Script, sdkVersion?: string) =>
      connectScriptedExecutor(
        wsUrl,
        {
          executor_id: id,
          application_version: version,
          ...(sdkVersion === undefined ? {} : { dbos_version: sdkVersion }),
        },
        script,
      ),
    executor,
    until: (
      id: string,
      what: string,
      probe: (e: Executor) => boolean,
      timeoutMs = DEFAULT_WAIT_TIMEOUT_MS,
    ) =>
      waitUntil(
        async () => {
          const found = await executor(id);
          return found && probe(found) ? found : undefined;
        },
        timeoutMs,
        `${id} ${what}`,
      ),
    recoveryAudit: async (executorId: string): Promise<AuditLogEntry[]> =>
      (
        await setup.server.app.get(AuditService).findAuditLogs(setup.org.id, {
          operation: 'executor.recover',
          target: executorId,
          limit: 50,
          offset: 0,
        })
      ).items,
  };
}

/**
 * Kills the link without a close handshake. The control plane's side of it is gone once the
 * executor reads DISCONNECTED (or later), which every caller waits for next.
 */
export const crash = async (link: ScriptedLink) => {
  const closed = once(link.ws, 'close');
  link.ws.terminate();
  await closed;
};
/**
 * A whole recovery sweep that began after this call (the one under way, if any, ends first):
 * every deadline re-derived from the table, every overdue executor declared dead and tried.
 * What it did not do, no sweep will.
 */
export const sweepOnce = async (server: RunningControlPlane) => {
  const recovery = server.app.get(ExecutorRecoveryService);
  await recovery.sweep();
  await recovery.sweep();
};

/**
 * The hooks of a file of scripted-recovery tests: a control plane on a scratch database with a
 * new organization and key (`setup()`, from beforeAll on), and `keep` for links to cut after
 * the file's tests.
 */
export function useScriptedRecovery() {
  let scratch: ScratchDatabase | undefined;
  let setup: Setup | undefined;
  const links: ScriptedLink[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    setup = await setUp(scratch);
  });
  afterAll(async () => {
    for (const link of links) link.ws.terminate();
    await setup?.server.close();
    await scratch?.drop();
  });
  return {
    setup: (): Setup => {
      if (!setup) throw new Error('useScriptedRecovery starts its control plane in beforeAll');
      return setup;
    },
    keep: <T extends ScriptedLink>(link: T): T => (links.push(link), link),
  };
}
