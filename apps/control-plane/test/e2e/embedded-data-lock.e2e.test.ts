import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodeProcess } from './child-process';
import { freePort } from './free-port';

const MAIN = path.resolve(__dirname, '../../dist/main.js');
/** Each test boots real control planes one after the other (up to 60 s each on a loaded machine). */
const TWO_BOOTS_TIMEOUT_MS = 180_000;

function startControlPlaneProcess(dataDir: string, port: number): NodeProcess {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: pnpm turbo run build --filter=@podium/control-plane`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PODIUM_DATA_DIR: dataDir,
    PODIUM_LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL; // the embedded default
  return startNodeProcess(MAIN, env);
}

describe('two control planes on one embedded data folder (real processes)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'podium-two-'));
  const started: NodeProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'refuses the second at boot, naming the folder and the holder, and exits non-zero',
    async () => {
      const firstPort = await freePort();
      const first = startControlPlaneProcess(dataDir, firstPort);
      started.push(first);
      await first.waitForOutput(/control plane listening/, 60_000, 'the first control plane');

      const second = startControlPlaneProcess(dataDir, await freePort());
      started.push(second);
      const exited = new Promise<number | null>((resolve) => {
        if (second.child.exitCode !== null) resolve(second.child.exitCode);
        else second.child.once('exit', resolve);
      });
      // Unfixed, the second one started and served beside the first: say so instead of hanging.
      const servedAnyway = second.waitForOutput(/control plane listening/, 60_000, 'second').then(
        () => Promise.reject(new Error(`the second control plane started:\n${second.output()}`)),
        () => new Promise<never>(() => undefined), // it exited first: `exited` answers
      );
      const exitCode = await Promise.race([exited, servedAnyway]);
      expect(exitCode).not.toBe(0);
      expect(second.output()).toContain(path.resolve(dataDir, 'pglite'));
      expect(second.output()).toContain(`pid ${first.child.pid} on ${os.hostname()}`);

      // The first one never noticed.
      const health = await fetch(`http://127.0.0.1:${firstPort}/readyz`);
      expect(health.status).toBe(200);
      await first.stop();
    },
    TWO_BOOTS_TIMEOUT_MS,
  );

  it(
    'starts on the folder again once the first is gone, even after a SIGKILL',
    async () => {
      const killed = startControlPlaneProcess(dataDir, await freePort());
      started.push(killed);
      await killed.waitForOutput(/control plane listening/, 60_000, 'a control plane to kill');
      const gone = new Promise((resolve) => killed.child.once('exit', resolve));
      killed.child.kill('SIGKILL');
      await gone;

      const next = startControlPlaneProcess(dataDir, await freePort());
      started.push(next);
      await next.waitForOutput(/control plane listening/, 60_000, 'the next control plane');
    },
    TWO_BOOTS_TIMEOUT_MS,
  );
});
