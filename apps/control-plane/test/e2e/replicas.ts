import type { Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import type { RedisTarget } from '../../src/config/config';
import { ReplicaIdentity } from '../../src/infra/replica/replica-identity';
import type { Script } from '../support/link-harness';
import { scratchRedis } from '../support/redis';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { type ConfigOverrides, type RunningControlPlane, startTestControlPlane } from './start';
import { waitUntil } from './wait-until';

export interface ReplicaSet {
  readonly scratch: ScratchDatabase;
  readonly redis: RedisTarget;
  readonly replicas: RunningControlPlane[];
  /** Stops every replica still running, then drops the database. */
  close(): Promise<void>;
}

/**
 * `count` control planes in replica mode on one scratch PostgreSQL database and one Redis
 * namespace of their own: one deployment, as behind a load balancer.
 */
export async function startReplicas(
  count: number,
  overrides: ConfigOverrides = {},
): Promise<ReplicaSet> {
  const scratch = await createScratchDatabase();
  const redis = scratchRedis();
  const replicas: RunningControlPlane[] = [];
  const stopped = new Set<RunningControlPlane>();
  try {
    for (let i = 0; i < count; i++) {
      const replica = await startTestControlPlane(
        { kind: 'postgres', url: scratch.url },
        { ...overrides, redis },
      );
      replicas.push({
        ...replica,
        close: async () => {
          if (stopped.has(replica)) return;
          stopped.add(replica);
          await replica.close();
        },
      });
    }
  } catch (error) {
    await Promise.allSettled(replicas.map((r) => r.close()));
    await scratch.drop();
    throw error;
  }
  return {
    scratch,
    redis,
    replicas,
    close: async () => {
      await Promise.allSettled(replicas.map((r) => r.close()));
      await scratch.drop();
    },
  };
}

/** The replica's id (its row in `replicas`, its executors' `replica_id`). */
export function replicaIdOf(replica: RunningControlPlane): string {
  return replica.app.get(ReplicaIdentity).id;
}

/** Where executors link: a replica in this process, or one in its own (replica-process.ts). */
export interface ReplicaEndpoint {
  readonly conductorUrl: string;
  readonly replicaId: string;
}

export function endpointOf(replica: RunningControlPlane): ReplicaEndpoint {
  return { conductorUrl: replica.conductorUrl, replicaId: replicaIdOf(replica) };
}

/** A scripted executor's link to `replica`, once the shared table says CONNECTED there. */
export async function linkToReplica(
  db: Database,
  replica: ReplicaEndpoint,
  target: { appName: string; key: string },
  info: { executor_id: string; application_version: string },
  script: Script,
): Promise<ScriptedLink> {
  const opened = await connectScriptedExecutor(
    `${replica.conductorUrl}/websocket/${target.appName}/${target.key}`,
    info,
    script,
  );
  await waitUntil(
    () =>
      db.prisma.executor.findFirst({
        where: { executorId: info.executor_id, status: 'CONNECTED', replicaId: replica.replicaId },
      }),
    15_000,
    `${info.executor_id} connected to its replica`,
  ).catch((error: unknown) => {
    opened.ws.terminate();
    throw error;
  });
  return opened;
}
