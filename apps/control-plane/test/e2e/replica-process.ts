import { existsSync } from 'node:fs';
import path from 'node:path';
import { type NodeProcess, startNodeProcess } from './child-process';
import { freePort } from './free-port';
import type { ReplicaSet } from './replicas';

const MAIN = path.resolve(__dirname, '../../dist/main.js');

/** A replica of `set`'s deployment as a real process (`dist/main.js`), to SIGKILL or SIGTERM. */
export interface ReplicaProcess {
  readonly process: NodeProcess;
  readonly url: string;
  readonly conductorUrl: string;
  /** Its row in `replicas` (from its start-up log line). */
  readonly replicaId: string;
}

/** Starts it with the deployment's database and Redis namespace, and waits until it listens. */
export async function startReplicaProcess(
  set: Pick<ReplicaSet, 'scratch' | 'redis'>,
  env: NodeJS.ProcessEnv = {},
): Promise<ReplicaProcess> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: pnpm turbo run build --filter=@podium/control-plane`);
  }
  const port = await freePort();
  const child = startNodeProcess(MAIN, {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: set.scratch.url,
    REDIS_URL: set.redis.url,
    PODIUM_REDIS_NAMESPACE: set.redis.namespace,
    PODIUM_SESSION_SECRET: 'test-session-secret-that-is-long-enough',
    PODIUM_LOG_LEVEL: 'info',
    PODIUM_LOG_FORMAT: 'json',
    ...env,
  });
  try {
    const [, replicaId] = await child.waitForOutput(
      /"replicaId":"([0-9a-f-]{36})"[^\n]*"msg":"replica started"/,
      60_000,
      'the replica process to start',
    );
    await child.waitForOutput(/control plane listening/, 60_000, 'the replica process to listen');
    const url = `http://127.0.0.1:${port}`;
    return {
      process: child,
      url,
      conductorUrl: `ws://127.0.0.1:${port}/conductor/v1alpha1`,
      replicaId: replicaId ?? '',
    };
  } catch (error) {
    child.child.kill('SIGKILL');
    throw error;
  }
}
