/**
 * Differential test of `alert`: a DBOS Transact 5.2.11 executor and a `@podium/sdk` executor,
 * each with an alert handler that throws for alerts named "explode", answer alike: success
 * when the handler returns, `success: false` with "Exception in alert handler: <message>"
 * when it throws. (Without a handler both log the alert and answer success: see
 * agent-schedules.int.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAnswer } from './helpers/comparable';
import { type Executor, type Setup, startDbos, startPodium } from './helpers/executors';

const SETUP: Setup = { appName: 'diff-alerts', version: 'v1' };
const ALERT = { name: 'disk', message: 'disk 91% full', metadata: { host: 'db-1' } };

describe('alert: DBOS Transact 5.2.11 and @podium/sdk answer alike', () => {
  let executors: { dbos: Executor; podium: Executor };
  beforeAll(async () => {
    const [dbos, podium] = await Promise.all([
      startDbos(SETUP),
      startPodium(SETUP, (app) =>
        app.onAlert(({ name }) => {
          if (name === 'explode') throw new Error('pager unreachable');
        }),
      ),
    ]);
    executors = { dbos, podium };
  }, 120_000);
  afterAll(async () => {
    await executors?.dbos.stop();
    await executors?.podium.stop();
  });

  it('a handled alert', async () => {
    const { podium } = await expectSameAnswer(executors, 'alert', ALERT);
    expect(podium.success).toBe(true);
  });

  it('an alert whose handler throws', async () => {
    const { dbos, podium } = await expectSameAnswer(executors, 'alert', {
      ...ALERT,
      name: 'explode',
    });
    expect(podium.success).toBe(false);
    // Same words too.
    expect(podium.error_message).toBe(dbos.error_message);
  });
});
