// What every browser test stands on: the built control plane and the console's own server
// (`server/main.mjs`, `next start` with the client address vouched for) in front of it,
// each on a free port, started together and stopped together.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts, startService, stopService, waitForHttp, type Service } from './processes';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const consoleDir = path.join(repoRoot, 'apps/console');
const controlPlaneMain = path.join(repoRoot, 'apps/control-plane/dist/main.js');
const consoleMain = path.join(consoleDir, 'server/main.mjs');

/** Fails, naming the command that makes it, when a built file a test runs is missing. */
export function assertBuilt(file: string, how: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build it first (${how}).`);
}

/** Fails fast, before anything starts, unless the control plane and the console are built. */
export function assertConsoleStackBuilt(): void {
  assertBuilt(controlPlaneMain, 'pnpm --filter @podium/control-plane build');
  assertBuilt(path.join(consoleDir, '.next/BUILD_ID'), 'pnpm --filter @podium/console build');
}

export interface ConsoleStackOptions {
  /** The environment both processes start from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The control plane's own settings (its database, log level); HOST and PORT are set here. */
  controlPlaneEnv?: Record<string, string>;
  /** The console server's own settings; PODIUM_CONTROL_PLANE_URL is set here. */
  consoleEnv?: Record<string, string>;
  /** A console page that answers 200 once the console is up, e.g. `/sign-in`. */
  readyPath: string;
}

export interface ConsoleStack {
  apiUrl: string;
  consoleUrl: string;
  controlPlane: Service;
  consoleServer: Service;
  /** Stops both (those still running). */
  stop(): Promise<void>;
}

/** Starts both and resolves once both answer; stops both if either does not. */
export async function startConsoleStack({
  env = process.env,
  controlPlaneEnv = {},
  consoleEnv = {},
  readyPath,
}: ConsoleStackOptions): Promise<ConsoleStack> {
  const [apiPort, consolePort] = await freePorts(2);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const controlPlane = startService('control plane', [controlPlaneMain], {
    cwd: repoRoot,
    env: { ...env, ...controlPlaneEnv, HOST: '127.0.0.1', PORT: String(apiPort) },
  });
  const consoleServer = startService(
    'console',
    [consoleMain, '-H', '127.0.0.1', '-p', String(consolePort)],
    {
      cwd: consoleDir,
      env: {
        ...env,
        PODIUM_CONTROL_PLANE_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
        ...consoleEnv,
      },
    },
  );
  const stop = async () => {
    await Promise.all([stopService(controlPlane), stopService(consoleServer)]);
  };
  try {
    await Promise.all([
      waitForHttp(controlPlane, `${apiUrl}/readyz`),
      waitForHttp(consoleServer, `${consoleUrl}${readyPath}`),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, consoleUrl, controlPlane, consoleServer, stop };
}
