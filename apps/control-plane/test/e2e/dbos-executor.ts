import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startNodeProcess } from './child-process';

export interface DbosExecutorProcess {
  readonly child: ChildProcess;
  /** The workflow it ran to completion before reporting ready. */
  readonly workflowId: string;
  /**
   * With `scenario: 'operations'`: ids of the workflows it left ERROR, PENDING and queued; with
   * `recovery`: the one it is running (`napping`, which only another executor can finish);
   * with `surface`: `chatty`; with `autoscale`: `backlog1`..`backlog3` on `podium-workers`;
   * with `crowd`: `crowd1`..`crowd7`, finished `compose` workflows started one after another.
   */
  readonly workflows: Record<string, string>;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the real DBOS app fixture against a control plane; resolves once its workflow finished. */
export async function startDbosExecutor(options: {
  appName: string;
  conductorUrl: string;
  apiKey: string;
  systemDatabaseUrl: string;
  /**
   * `operations`: also leave workflows to act on; `recovery`: one to recover; `surface`: a
   * workflow with events, messages and a stream, and a schedule; `autoscale`: a queue backlog
   * (see the fixture); `crowd`: seven more finished workflows.
   */
  scenario?: 'operations' | 'recovery' | 'surface' | 'autoscale' | 'crowd';
}): Promise<DbosExecutorProcess> {
  const fixture = startNodeProcess(path.join(__dirname, 'fixtures', 'dbos-executor.cjs'), {
    ...process.env,
    APP_NAME: options.appName,
    CONDUCTOR_URL: options.conductorUrl,
    CONDUCTOR_KEY: options.apiKey,
    SYSTEM_DATABASE_URL: options.systemDatabaseUrl,
    PODIUM_FIXTURE_SCENARIO: options.scenario ?? '',
  });
  try {
    const [, workflowId = ''] = await fixture.waitForOutput(
      /PODIUM_FIXTURE_READY (\S+)/,
      60_000,
      'DBOS executor ready',
    );
    const workflows = /PODIUM_FIXTURE_WORKFLOWS (\{.*\})/.exec(fixture.output())?.[1];
    return {
      child: fixture.child,
      workflowId,
      workflows: workflows ? (JSON.parse(workflows) as Record<string, string>) : {},
      output: () => fixture.output(),
      stop: async () => {
        await fixture.stop();
      },
    };
  } catch (error) {
    await fixture.stop();
    throw error;
  }
}
