import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface DbosExecutorProcess {
  readonly child: ChildProcess;
  /** The workflow it ran to completion before reporting ready. */
  readonly workflowId: string;
  /** With `scenario: 'operations'`: ids of the workflows it left ERROR, PENDING and queued. */
  readonly workflows: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the real DBOS app fixture against a control plane; resolves once its workflow finished. */
export function startDbosExecutor(options: {
  appName: string;
  conductorUrl: string;
  apiKey: string;
  systemDatabaseUrl: string;
  /** `operations`: also leave workflows to act on (see the fixture). */
  scenario?: 'operations';
}): Promise<DbosExecutorProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'dbos-executor.cjs')], {
    env: {
      ...process.env,
      APP_NAME: options.appName,
      CONDUCTOR_URL: options.conductorUrl,
      CONDUCTOR_KEY: options.apiKey,
      SYSTEM_DATABASE_URL: options.systemDatabaseUrl,
      PODIUM_FIXTURE_SCENARIO: options.scenario ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`DBOS executor not ready in 60 s:\n${output}`)),
      60_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /PODIUM_FIXTURE_READY (\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        const workflows = /PODIUM_FIXTURE_WORKFLOWS (\{.*\})/.exec(output)?.[1];
        resolve({
          child,
          workflowId: ready[1],
          workflows: workflows ? (JSON.parse(workflows) as Record<string, string>) : {},
          stop,
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`DBOS executor exited (${code}):\n${output}`));
    });
  });
}
