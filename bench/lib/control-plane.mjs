// Runs the built control plane as its own process (so its memory and CPU are
// measured alone) and reads its resource use from /proc.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLOCK_TICKS = 100; // USER_HZ on Linux

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts `apps/control-plane/dist/main.js` with `env`. Its log goes to our stderr unless
 * `echoLogs` is false; either way its lines are counted (`logLines()`).
 */
export async function startControlPlane(env, { echoLogs = true } = {}) {
  const port = await freePort();
  // PROFILE_DIR=<dir>: write a V8 CPU profile of the control plane there (on exit).
  const profile = process.env.PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`]
    : [];
  // CONTROL_PLANE_NODE_ARGS: extra Node flags for the control plane (e.g. --trace-gc).
  profile.push(...(process.env.CONTROL_PLANE_NODE_ARGS?.split(' ').filter(Boolean) ?? []));
  const child = spawn(
    process.execPath,
    [...profile, path.join(root, 'apps/control-plane/dist/main.js')],
    {
      env: { ...process.env, PORT: String(port), PODIUM_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Drain its log: writes to an unread pipe block on Linux.
  let logLines = 0;
  child.stdout.on('data', (chunk) => {
    for (const byte of chunk) if (byte === 10) logLines += 1;
    if (echoLogs) process.stderr.write(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`control plane exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('control plane not ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    logLines: () => logLines,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Resident set size in bytes. */
export function rssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** The fields of /proc/<pid>/stat after the command name (so field 14, utime, is [11]). */
function statFields(pid) {
  return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of the process's children that ended (and were waited for) so far. */
export function endedChildrenCpuSeconds(pid) {
  const fields = statFields(pid);
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

export async function cpuPercentOver(pid, seconds) {
  const before = cpuSeconds(pid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return ((cpuSeconds(pid) - before) / seconds) * 100;
}
