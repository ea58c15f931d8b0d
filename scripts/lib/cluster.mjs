// `pnpm cluster` (scripts/run-podium.mjs cluster): N control-plane replicas on one PostgreSQL
// database and one Redis, behind Debian's HAProxy, which is what the console and executors dial.
// docker/compose.yml describes the same deployment; docker/haproxy.cfg is this config with the
// compose services' names.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const protocol = createRequire(import.meta.url)('../../packages/protocol/dist/index.js');

/** HAProxy's own errors, as problem details like the replicas' (codes from the one table). */
const LOAD_BALANCER_PROBLEMS = {
  502: ['REPLICA_UNREACHABLE', 'The replica closed the connection or sent an invalid answer.'],
  503: ['REPLICA_UNAVAILABLE', 'No replica passes its readiness check right now; retry shortly.'],
  504: ['REPLICA_TIMEOUT', 'The replica did not answer within the load balancer timeout.'],
};

function problemResponses() {
  return Object.entries(LOAD_BALANCER_PROBLEMS).map(([status, [code, detail]]) => {
    const { title } = protocol.ERROR_CODES[code];
    const body = { type: protocol.problemType(code), title, status: Number(status), code, detail };
    // Single quotes: HAProxy takes what is inside as is (the JSON has none).
    return `  http-error status ${status} content-type ${protocol.PROBLEM_CONTENT_TYPE} string '${JSON.stringify(body)}'`;
  });
}

/** Where HAProxy is: $HAPROXY, else the first of PATH and the sbin folders that has it. */
export function findHaproxy() {
  if (process.env.HAPROXY) return process.env.HAPROXY;
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  for (const folder of folders) {
    const candidate = path.join(folder, 'haproxy');
    if (folder && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The load balancer's config: WebSocket upgrades pass through (`timeout tunnel` bounds an idle
 * link; executors are pinged every 20 s), links spread by count (`leastconn`: they live for
 * hours), and a replica leaves the rotation when its /readyz fails twice, one second apart.
 * `option forwardfor` adds the client's address for the replicas' per-address limits (they
 * trust loopback by default: PODIUM_TRUST_PROXY). Its own 502/503/504 are problem details with
 * stable codes, as every error of the API is. `dockerDns`: replicas are found by name through
 * Docker's resolver, and one not up yet does not stop HAProxy from starting.
 */
export function haproxyConfig({ bind, replicas, dockerDns = false }) {
  return [
    '# Written by haproxyConfig (scripts/lib/cluster.mjs): pnpm cluster and docker/compose.yml.',
    ...(dockerDns ? ['resolvers docker', '  nameserver dns 127.0.0.11:53', ''] : []),
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option redispatch',
    '  retries 2',
    // A replica that dies under a read leaves no trace: GETs are retried on another replica
    // (`backend`: never anything else, a mutation is sent once).
    '  retry-on conn-failure empty-response response-timeout',
    '  timeout connect 2s',
    '  timeout http-request 15s',
    '  timeout client 90s',
    '  timeout server 90s',
    '  timeout tunnel 1h',
    ...problemResponses(),
    '',
    'frontend podium',
    `  bind ${bind}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance leastconn',
    '  http-request disable-l7-retry unless METH_GET',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    `  default-server inter 1s fall 2 rise 2${dockerDns ? ' resolvers docker init-addr libc,none' : ''}`,
    ...replicas.map(({ name, address }) => `  server ${name} ${address} check`),
    '',
  ].join('\n');
}

/** The session key every replica must share (a session signed by one is read by all). */
function sharedSessionSecret(folder) {
  if (process.env.PODIUM_SESSION_SECRET) return process.env.PODIUM_SESSION_SECRET;
  const file = path.join(folder, 'session-secret');
  if (!fs.existsSync(file))
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Starts `count` replicas on the ports after `lbPort`; `startLoadBalancer` then starts HAProxy on
 * `lbPort` in front of them. Throws (before starting anything) when a prerequisite is missing.
 */
/** docker/haproxy.cfg: the same config for docker/compose.yml's replicas. */
export const composeHaproxyConfig = () =>
  haproxyConfig({
    bind: '*:8090',
    replicas: [1, 2, 3].map((i) => ({
      name: `control-plane-${i}`,
      address: `control-plane-${i}:8090`,
    })),
    dockerDns: true,
  });

export function startCluster({ supervisor, host, lbPort, count, dataDir, env }) {
  if (!env.DATABASE_URL) {
    throw new Error(
      'pnpm cluster runs replicas on PostgreSQL: set DATABASE_URL (e.g. ' +
        'postgresql://postgres@127.0.0.1:5432/podium), migrated by pnpm db:deploy.',
    );
  }
  const haproxy = findHaproxy();
  if (!haproxy) {
    throw new Error('pnpm cluster needs HAProxy: apt-get install haproxy (or set HAPROXY).');
  }
  const folder = path.join(dataDir, 'cluster');
  fs.mkdirSync(folder, { recursive: true });
  const replicaEnv = {
    ...env,
    REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    PODIUM_SESSION_SECRET: sharedSessionSecret(folder),
  };
  const replicas = Array.from({ length: count }, (_, i) => ({
    name: `replica-${i + 1}`,
    port: lbPort + 1 + i,
  }));
  // A replica that exits is restarted, as an orchestrator would: the others keep serving.
  const startReplica = (replica) => {
    replica.process = supervisor.run(replica.name, ['apps/control-plane/dist/main.js'], {
      env: {
        ...replicaEnv,
        HOST: host,
        PORT: String(replica.port),
        PODIUM_DATA_DIR: path.join(folder, replica.name),
      },
      onExit: (prefix, code, signal) => {
        process.stdout.write(`${prefix}exited (${signal ?? code}); restarting it in 1 s\n`);
        setTimeout(() => {
          startReplica(replica);
          process.stdout.write(`${prefix}restarted (pid ${replica.process.pid})\n`);
        }, 1_000);
      },
    });
  };
  for (const replica of replicas) startReplica(replica);
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const configFile = path.join(folder, 'haproxy.cfg');
  fs.writeFileSync(
    configFile,
    haproxyConfig({
      bind: `${host}:${lbPort}`,
      replicas: replicas.map(({ name, port }) => ({ name, address: `${dialHost}:${port}` })),
    }),
  );
  return {
    replicaUrls: replicas.map(({ port }) => `http://${dialHost}:${port}`),
    /** A line per replica: name, URL, pid (to stop one and watch the others take over). */
    describeReplicas: () =>
      replicas.map(
        ({ name, port, process: child }) =>
          `${name}  http://${dialHost}:${port}  (pid ${child.pid})`,
      ),
    redisUrl: replicaEnv.REDIS_URL,
    /** Once the replicas are up (HAProxy would log each one DOWN until then). */
    startLoadBalancer() {
      // -db: in the foreground, its warnings (a replica DOWN or UP) on stderr.
      supervisor.run('haproxy', ['-db', '-f', configFile], {
        command: haproxy,
        env: process.env,
        onExit: supervisor.essential,
      });
    },
  };
}
