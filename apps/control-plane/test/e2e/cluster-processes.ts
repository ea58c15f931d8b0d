import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scratchRedis } from '../support/redis';
import { type NodeProcess, startNodeProcess, startProcess } from './child-process';
import { waitUntil } from './wait-until';

const ROOT = path.resolve(__dirname, '../../../..');
const MAIN = path.join(ROOT, 'apps/control-plane/dist/main.js');

/** What `pnpm cluster` uses too (scripts/lib/cluster.mjs): one HAProxy config. */
interface ClusterLib {
  findHaproxy(): string | undefined;
  haproxyConfig(options: { bind: string; replicas: { name: string; address: string }[] }): string;
}

export interface ReplicaProcess {
  readonly name: string;
  readonly url: string;
  process: NodeProcess;
}

/**
 * Control-plane replicas as real processes (the build in dist/), on one PostgreSQL database and
 * a Redis namespace of their own, behind a real HAProxy: the deployment of `pnpm cluster`.
 */
export interface ClusterProcesses {
  /** HAProxy: what executors and API clients dial. */
  readonly url: string;
  readonly conductorUrl: string;
  readonly replicas: ReplicaProcess[];
  /** SIGKILL (a crash) or SIGTERM (a rolling restart) to one replica; resolves once it exited. */
  kill(replica: ReplicaProcess, signal: NodeJS.Signals): Promise<void>;
  /** Starts a stopped replica again, on its port; resolves once it is ready. */
  restart(replica: ReplicaProcess): Promise<void>;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export async function startClusterProcesses(options: {
  databaseUrl: string;
  count: number;
  /** More control-plane settings, e.g. a short PODIUM_REPLICA_LEASE_SECONDS. */
  env?: Record<string, string>;
}): Promise<ClusterProcesses> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: pnpm turbo run build --filter=@podium/control-plane`);
  }
  const lib = (await import(
    pathToFileURL(path.join(ROOT, 'scripts/lib/cluster.mjs')).href
  )) as ClusterLib;
  const haproxy = lib.findHaproxy();
  if (!haproxy) throw new Error('the cluster tests need HAProxy: apt-get install haproxy');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'podium-cluster-'));
  const redis = scratchRedis();
  const env = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: redis.url,
    PODIUM_REDIS_NAMESPACE: redis.namespace,
    PODIUM_SESSION_SECRET: randomBytes(32).toString('hex'),
    PODIUM_LOG_FORMAT: 'json',
    PODIUM_LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...options.env,
  };
  const replicas: ReplicaProcess[] = [];
  let balancer: NodeProcess | undefined;

  const launch = (name: string, port: number) =>
    startNodeProcess(MAIN, { ...env, PORT: String(port), PODIUM_DATA_DIR: dataDir });
  const ready = (replica: ReplicaProcess) =>
    waitUntil(
      () =>
        fetch(`${replica.url}/readyz`).then(
          (res) => res.ok,
          () => false,
        ),
      120_000,
      `${replica.name} to be ready`,
    );
  const close = async () => {
    await balancer?.stop();
    await Promise.all(replicas.map((replica) => replica.process.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    for (let i = 1; i <= options.count; i++) {
      const port = await freePort();
      const name = `replica-${i}`;
      replicas.push({ name, url: `http://127.0.0.1:${port}`, process: launch(name, port) });
    }
    for (const replica of replicas) await ready(replica);
    const port = await freePort();
    const configFile = path.join(dataDir, 'haproxy.cfg');
    writeFileSync(
      configFile,
      lib.haproxyConfig({
        bind: `127.0.0.1:${port}`,
        replicas: replicas.map(({ name, url }) => ({ name, address: new URL(url).host })),
      }),
    );
    balancer = startProcess(haproxy, ['-db', '-f', configFile], process.env);
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(
      () =>
        fetch(`${url}/readyz`).then(
          (res) => res.ok,
          () => false,
        ),
      60_000,
      'HAProxy to answer',
    );
    return {
      url,
      conductorUrl: `ws://127.0.0.1:${port}/conductor/v1alpha1`,
      replicas,
      async kill(replica, signal) {
        const { child } = replica.process;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill(signal);
        await exited;
      },
      async restart(replica) {
        replica.process = launch(replica.name, Number(new URL(replica.url).port));
        await ready(replica);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
