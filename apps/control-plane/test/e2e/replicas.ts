import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import type { RedisTarget } from '../../src/config/config';
import { ReplicaIdentity } from '../../src/infra/replica/replica-identity';
import { scratchRedis } from '../support/redis';
import { type ConfigOverrides, type RunningControlPlane, startTestControlPlane } from './start';

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
