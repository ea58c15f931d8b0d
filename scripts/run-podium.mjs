#!/usr/bin/env node
// Runs the built control plane and console side by side (what `npm start` ends with), plus the
// example app (apps/example) when CONDUCTOR_KEY is set: prefixes their output, waits until the
// control plane and console answer, prints the URLs, and stops everything on Ctrl-C or when the
// control plane or the console exits. The example is a guest: if it exits, Podium keeps running.
// Without CONDUCTOR_KEY it prints how to get one (there are no default accounts or keys).
//
// `node scripts/run-podium.mjs example` (`npm run example`) runs only the example, against a
// Podium that is already running; it needs CONDUCTOR_KEY.
//
// `node scripts/run-podium.mjs cluster` (`pnpm cluster`) runs REPLICAS (default 3) control-plane
// replicas on DATABASE_URL (required) and REDIS_URL (default redis://127.0.0.1:6379), on the
// ports after PORT, behind HAProxy on PORT (scripts/lib/cluster.mjs); the rest is the same.
//
// Environment: PORT (control plane, default 8090), CONSOLE_PORT (default 3000), HOST (default
// 127.0.0.1), PODIUM_DATA_DIR (default <repo>/.data), and any other control-plane variable
// (DATABASE_URL to use PostgreSQL instead of PGlite; PODIUM_LOG_FORMAT, default readable lines
// when this script's output is a terminal, JSON otherwise). For the example: CONDUCTOR_KEY (an
// API key with websocket.connect), CONDUCTOR_URL (default
// ws://<HOST>:<PORT><PODIUM_EXECUTOR_BASE_PATH>), PODIUM_EXAMPLE_DATA_DIR (default
// <PODIUM_DATA_DIR>/example), EXAMPLE_DATABASE_URL (its own PostgreSQL instead; DATABASE_URL is
// the control plane's and is never passed on), APP_NAME and the rest of apps/example/README.md.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from './lib/cluster.mjs';
import { createSupervisor } from './lib/supervisor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleOnly = process.argv[2] === 'example';
const clusterMode = process.argv[2] === 'cluster';
const replicaCount = Number(process.env.REPLICAS ?? 3);
const host = process.env.HOST ?? '127.0.0.1';
const apiPort = Number(process.env.PORT ?? 8090);
const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const apiUrl = `http://${host}:${apiPort}`;
const consoleUrl = `http://${host}:${consolePort}`;
const dataDir = path.resolve(root, process.env.PODIUM_DATA_DIR ?? '.data');
const conductorKey = process.env.CONDUCTOR_KEY?.trim() || undefined;

const { run, stop, essential, waitFor } = createSupervisor({ cwd: root });

/** The environment the example runs with: its own database, the local control plane. */
function exampleEnv() {
  const env = { ...process.env };
  delete env.DATABASE_URL; // the control plane's; an app never shares it
  delete env.EXAMPLE_DATABASE_URL;
  // A wildcard listen address is not one to dial.
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const basePath = process.env.PODIUM_EXECUTOR_BASE_PATH ?? defaultExecutorBasePath();
  return {
    ...env,
    ...(process.env.EXAMPLE_DATABASE_URL ? { DATABASE_URL: process.env.EXAMPLE_DATABASE_URL } : {}),
    CONDUCTOR_URL: process.env.CONDUCTOR_URL ?? `ws://${dialHost}:${apiPort}${basePath}`,
    PODIUM_EXAMPLE_DATA_DIR: process.env.PODIUM_EXAMPLE_DATA_DIR ?? path.join(dataDir, 'example'),
  };
}

/** The control plane's default executor base path, from the built protocol package. */
function defaultExecutorBasePath() {
  return createRequire(import.meta.url)(path.join(root, 'packages/protocol/dist/index.js'))
    .DEFAULT_EXECUTOR_BASE_PATH;
}

/** The application name the example connects as (its own config decides), if it is built. */
function exampleAppName() {
  try {
    const { loadConfig } = createRequire(import.meta.url)(
      path.join(root, 'apps/example/dist/config.js'),
    );
    return loadConfig(exampleEnv()).appName;
  } catch {
    return undefined; // not built, or misconfigured: the example says so when it starts
  }
}

/** Runs the example; a refused key gets one hint (the SDK keeps retrying with backoff). */
function runExample(onExit) {
  const appName = exampleAppName() ?? 'APP_NAME';
  let hinted = false;
  run('example', ['apps/example/dist/main.js'], {
    env: exampleEnv(),
    onExit,
    onLine: (line) => {
      if (hinted || !/cannot connect to the conductor.*"status":4\d\d/.test(line)) return;
      hinted = true;
      process.stdout.write(
        `[example] The control plane refused the example (see above). It needs an application ` +
          `named "${appName}" and an API key with websocket.connect in the same organization ` +
          `(console: ${consoleUrl}). It keeps retrying: no restart needed once they exist.\n`,
      );
    },
  });
}

/** What to do to see the example's workflows (printed when CONDUCTOR_KEY is not set). */
function exampleSteps() {
  const appName = exampleAppName();
  return [
    'To watch live workflows from the example app (apps/example):',
    `  1. Sign up at ${consoleUrl}/sign-up and create an organization.`,
    appName
      ? `  2. Create an application named "${appName}".`
      : '  2. Create an application named as the example app (apps/example/README.md).',
    '  3. Create an API key with the websocket.connect permission; copy it.',
    `  4. Restart with CONDUCTOR_KEY=<key> ${clusterMode ? 'pnpm cluster' : 'npm start'}, or run the example alone while Podium`,
    '     runs: CONDUCTOR_KEY=<key> npm run example (in a second terminal).',
  ];
}

if (exampleOnly) {
  if (!conductorKey) {
    process.stderr.write(
      'The example needs CONDUCTOR_KEY, an API key with websocket.connect:\n' +
        exampleSteps().slice(1, 4).join('\n') +
        '\nthen: CONDUCTOR_KEY=<key> npm run example\n',
    );
    process.exit(1);
  }
  if (!process.env.CONDUCTOR_URL) {
    const up = await fetch(`${apiUrl}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (!up) {
      process.stdout.write(
        `No control plane answers at ${apiUrl} yet (start Podium with npm start); ` +
          'the example keeps trying to connect.\n',
      );
    }
  }
  runExample((prefix, code, signal) => {
    process.stdout.write(`${prefix}exited (${signal ?? code})\n`);
    process.exit(code ?? 1);
  });
} else {
  // Podium's own processes do not need the example's key.
  const podiumEnv = { ...process.env };
  delete podiumEnv.CONDUCTOR_KEY;
  // Its stdout is our pipe, not the terminal: say what "auto" would have said there.
  podiumEnv.PODIUM_LOG_FORMAT ??= process.stdout.isTTY ? 'pretty' : 'json';
  let cluster;
  if (clusterMode) {
    try {
      cluster = startCluster({
        supervisor: { run, essential },
        host,
        lbPort: apiPort,
        count: replicaCount,
        dataDir,
        env: podiumEnv,
      });
    } catch (error) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  } else {
    run('control-plane', ['apps/control-plane/dist/main.js'], {
      env: {
        ...podiumEnv,
        HOST: host,
        PORT: String(apiPort),
        PODIUM_DATA_DIR: process.env.PODIUM_DATA_DIR ?? dataDir,
      },
      onExit: essential,
    });
  }
  run(
    'console',
    [path.join(root, 'apps/console/server/main.mjs'), '-H', host, '-p', String(consolePort)],
    {
      env: { ...podiumEnv, PODIUM_CONTROL_PLANE_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
      cwd: path.join(root, 'apps/console'),
      onExit: essential,
    },
  );

  try {
    for (const url of cluster?.replicaUrls ?? []) await waitFor(`${url}/readyz`, 'A replica');
    cluster?.startLoadBalancer();
    await waitFor(`${apiUrl}/readyz`, 'The control plane');
    // The example dials once the control plane answers, so its first attempt connects.
    if (conductorKey) {
      runExample((prefix, code, signal) =>
        process.stdout.write(
          `${prefix}exited (${signal ?? code}); the control plane and console keep running\n`,
        ),
      );
    }
    await waitFor(consoleUrl, 'The console');
    const database = process.env.DATABASE_URL
      ? `PostgreSQL${cluster ? `, Redis at ${new URL(cluster.redisUrl).host}` : ''}`
      : `PGlite in ${process.env.PODIUM_DATA_DIR ?? '.data/'}`;
    const example = exampleEnv();
    process.stdout.write(
      [
        '',
        'Podium is running.',
        `  Console:        ${consoleUrl}`,
        `  Control plane:  ${apiUrl}   (health: ${apiUrl}/healthz)`,
        ...(cluster
          ? [
              `  Replicas:       behind HAProxy at ${apiUrl}; one that exits is restarted`,
              ...cluster.describeReplicas().map((line) => `                  ${line}`),
            ]
          : []),
        `  Database:       ${database}`,
        ...(conductorKey
          ? [
              `  Example app:    "${exampleAppName() ?? '?'}" connecting to ${example.CONDUCTOR_URL}`,
              `                  (its data: ${example.DATABASE_URL ? 'EXAMPLE_DATABASE_URL' : example.PODIUM_EXAMPLE_DATA_DIR})`,
            ]
          : ['', ...exampleSteps()]),
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    stop(1);
  }
}
