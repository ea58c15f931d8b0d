/**
 * Delayed starts survive a crash: a child process enqueues a workflow with an hour's delay and
 * is SIGKILLed; a second process finds it still DELAYED (its deduplication id still held),
 * brings the delay forward, and runs it once, no earlier than the delay's end.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DelayedReport } from './fixtures/delayed-app';
import { CHILD_BACKENDS, childApps, exited, nextMessage, readLog } from './helpers/child-app';
import { uniqueName } from './helpers/util';

const apps = childApps();
afterAll(() => apps.cleanup());

describe.each(CHILD_BACKENDS)('delayed starts across a crash on $name', ({ database }) => {
  // Two cold starts of a child process (with PGlite: two database boots); the limit catches hangs.
  it(
    'keeps a SIGKILLed process’s delayed workflow DELAYED, then runs it once',
    { timeout: 300_000 },
    async () => {
      const { env, cleanup } = await database(apps.scratch);
      const stepLog = path.join(apps.scratch, `${uniqueName('steps')}.log`);
      const common = { ...env, STEP_LOG: stepLog, APP_NAME: 'delayed', WORKFLOW_ID: 'nightly-1' };
      try {
        const doomed = apps.spawn('delayed-app.ts', { ...common, MODE: 'enqueue' });
        const doomedExit = exited(doomed);
        const enqueued = await nextMessage<DelayedReport>(doomed);
        doomed.kill('SIGKILL');
        await doomedExit;
        expect(enqueued.error).toBeUndefined();
        expect(enqueued.status).toMatchObject({ status: 'DELAYED', deduplicationId: 'monday' });

        const survivor = apps.spawn('delayed-app.ts', { ...common, MODE: 'resume' });
        const report = await nextMessage<DelayedReport>(survivor);
        await exited(survivor);
        expect(report.error).toBeUndefined();
        expect(report.status).toMatchObject({
          status: 'DELAYED',
          deduplicationId: 'monday',
          delayUntilEpochMs: enqueued.status?.delayUntilEpochMs,
        });
        expect(report.duplicate).toBe('QUEUE_DEDUPLICATED');
        expect(report.result).toBe('report for monday');
        expect(report.ran).toMatchObject({ status: 'SUCCESS', deduplicationId: null });
        expect(report.ran?.startedAt).toBeGreaterThanOrEqual(
          report.ran?.delayUntilEpochMs ?? Infinity,
        );
        expect(readLog(stepLog)).toEqual(['compile monday']);
      } finally {
        await cleanup();
      }
    },
  );
});
