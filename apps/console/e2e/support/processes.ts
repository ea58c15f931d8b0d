// Child processes for browser tests: free ports, start with captured output,
// wait until they answer, and stop them (their whole process group) afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface Service {
  name: string;
  child: ChildProcess;
  /** The last lines the process printed, for failure messages. */
  output(): string;
}

/**
 * `count` different ports that were free a moment ago: bound on 0 by the OS, all held until
 * each is known (one released early could be handed out again), then released.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  return ports;
}

export function startService(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Service {
  // Its own process group, so stopping it also stops anything it forked.
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output: () => lines.join('\n') };
}

export function isRunning(service: Service): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}

/** Polls `url` until it answers `expectStatus`; fails at once if the service exits. */
export async function waitForHttp(
  service: Service,
  url: string,
  { timeoutMs = 120_000, expectStatus = 200 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!isRunning(service)) {
      throw new Error(`${service.name} exited before answering ${url}:\n${service.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === expectStatus) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} did not answer ${url} within ${timeoutMs} ms (${last}):\n${service.output()}`,
  );
}

/** SIGTERM to the service's process group, SIGKILL after `graceMs`; resolves once it exited. */
export async function stopService(service: Service, graceMs = 5_000): Promise<void> {
  const { child } = service;
  if (!isRunning(service) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
