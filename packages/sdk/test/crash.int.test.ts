/**
 * Real crash recovery: a child process is SIGKILLed in the middle of a workflow, and a second
 * process with the same executor id and code recovers it at launch. Completed steps must run
 * exactly once; only the step in flight at the crash may run again.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHILD_BACKENDS, childApps, exited, nextMessage, readLog } from './helpers/child-app';
import { uniqueName, waitFor } from './helpers/util';

const apps = childApps();
afterAll(() => apps.cleanup());
const spawnApp = (env: Record<string, string>) => apps.spawn('crash-app.ts', env);

interface Report {
  result?: string;
  error?: string;
  status?: { status: string; recoveryAttempts: number; executorId: string };
  steps?: { functionId: number; functionName: string }[];
}

describe.each(CHILD_BACKENDS)('crash recovery on $name', ({ database }) => {
  // Two cold starts of a child process (with PGlite: two database boots) can take a while on a
  // loaded machine; the limits only catch hangs.
  it('resumes a SIGKILLed workflow from its last completed step', { timeout: 90_000 }, async () => {
    const { env, cleanup } = await database(apps.scratch);
    const stepLog = path.join(apps.scratch, `${uniqueName('steps')}.log`);
    const common = { ...env, STEP_LOG: stepLog, APP_NAME: 'crash', WORKFLOW_ID: 'crash-1' };
    try {
      const doomed = spawnApp({ ...common, MODE: 'start' });
      const doomedExit = exited(doomed);
      await waitFor(() => readLog(stepLog).includes('s2'), 60_000, 'step s2 to start');
      doomed.kill('SIGKILL');
      await doomedExit;
      expect(readLog(stepLog)).toEqual(['s0', 's1', 's2']);

      const survivor = spawnApp({ ...common, MODE: 'recover' });
      const report = await nextMessage<Report>(survivor);
      await exited(survivor);
      expect(report.error).toBeUndefined();
      expect(report.result).toBe('result:5');
      expect(readLog(stepLog)).toEqual(['s0', 's1', 's2', 's2', 's3']);
      expect(report.status).toMatchObject({
        status: 'SUCCESS',
        recoveryAttempts: 1,
        executorId: 'local',
      });
      expect(report.steps?.map((s) => [s.functionId, s.functionName])).toEqual([
        [0, 's0'],
        [1, 'podium.sleep'],
        [2, 's1'],
        [3, 's2'],
        [4, 's3'],
      ]);
    } finally {
      await cleanup();
    }
  });
});
