/**
 * Differential: `rewind_workflow` sent to a DBOS Transact 5.2.11 executor and to a @podium/sdk
 * executor holding the same workflows' data. Both refuse active and unknown workflows, and a
 * rewind leaves the same state (events rolled back, messages past the cut deleted, stream
 * values kept) and, once run, the same outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../helpers/util';
import { type Answer, askBoth, shapeOf, stepName } from './helpers/compare';
import { type Peers, startPeers } from './helpers/peers';

describe('DBOS 5.2.11 and @podium/sdk rewind workflows alike', () => {
  let peers: Peers;
  beforeAll(async () => {
    peers = await startPeers(uniqueName('diff-rewind'));
  }, 120_000);
  afterAll(() => peers?.stop());

  const flaky = { workflow_id: 'flaky-1' };

  /** What both executors hold about the flaky workflow, in comparable terms. */
  async function stateOfFlaky(): Promise<unknown[]> {
    const [workflows, steps, events, notifications, streams] = await Promise.all([
      askBoth(peers, 'get_workflow', flaky),
      askBoth(peers, 'list_steps', { ...flaky, load_output: false }),
      askBoth(peers, 'get_workflow_events', flaky),
      askBoth(peers, 'get_workflow_notifications', flaky),
      askBoth(peers, 'get_workflow_streams', flaky),
    ]);
    const sides = [0, 1] as const;
    return sides.map((side) => {
      const workflow = workflows[side].output as Answer;
      return {
        status: workflow.Status,
        version: workflow.ApplicationVersion === 'elsewhere' ? 'elsewhere' : 'own',
        error: workflow.Error === undefined ? 'none' : 'some',
        steps: (steps[side].output as Answer[]).map((s) => stepName(s.function_name)),
        events: events[side].events,
        notifications: (notifications[side].notifications as Answer[]).map(
          ({ topic, message, consumed }) => ({ topic, message, consumed }),
        ),
        streams: streams[side].streams,
      };
    });
  }

  it('refuses to rewind an active workflow, or one that does not exist', async () => {
    for (const workflowId of ['waiting-1', 'no-such-workflow']) {
      const [dbos, podium] = await askBoth(peers, 'rewind_workflow', {
        body: { workflow_id: workflowId },
      });
      expect(shapeOf(podium), workflowId).toEqual(shapeOf(dbos));
      expect(podium.success, workflowId).toBe(false);
    }
    const [dbos, podium] = await askBoth(peers, 'rewind_workflow', {
      body: { workflow_id: 'waiting-1' },
    });
    for (const answer of [dbos, podium]) {
      expect(answer.error_message).toMatch(/\(PENDING\).*cancel it first/);
    }
  });

  it('rewinds in place: the same state after the rewind, the same outcome after the run', async () => {
    const [failed] = await stateOfFlaky();
    expect(failed).toMatchObject({ status: 'ERROR', error: 'some' });

    // For a version nothing runs: the rewound state shows as it is.
    const rewind = (version: (side: 'dbos' | 'podium') => string) =>
      askBoth(peers, 'rewind_workflow', (side) => ({
        body: { workflow_id: 'flaky-1', start_step: 5, application_version: version(side) },
      }));
    expect(await rewind(() => 'elsewhere')).toEqual([
      { type: 'rewind_workflow', success: true },
      { type: 'rewind_workflow', success: true },
    ]);
    const [dbosRewound, podiumRewound] = await stateOfFlaky();
    expect(podiumRewound).toEqual(dbosRewound);
    expect(dbosRewound).toEqual({
      status: 'ENQUEUED',
      version: 'elsewhere',
      error: 'none',
      steps: ['prepare', 'setEvent', 'writeStream', 'recv', 'sleep'],
      events: [{ key: 'stage', value: "'prepared'" }],
      notifications: [{ topic: 'in', message: "'A'", consumed: true }],
      streams: [{ key: 'log', values: ["'before'"] }],
    });

    // Cancelled, then rewound again for each executor's own version: it runs to the end.
    await askBoth(peers, 'cancel', flaky);
    const [dbosInfo, podiumInfo] = await askBoth(peers, 'executor_info', {});
    const own = { dbos: dbosInfo.application_version, podium: podiumInfo.application_version };
    expect(await rewind((side) => String(own[side]))).toEqual([
      { type: 'rewind_workflow', success: true },
      { type: 'rewind_workflow', success: true },
    ]);
    await waitFor(
      async () => (await stateOfFlaky()).every((s) => (s as Answer).status === 'SUCCESS'),
      60_000,
      'both rewound workflows to succeed',
    );
    const [dbosDone, podiumDone] = await stateOfFlaky();
    expect(podiumDone).toEqual(dbosDone);
    expect(dbosDone).toMatchObject({
      steps: [
        'prepare',
        'setEvent',
        'writeStream',
        'recv',
        'sleep',
        'setEvent',
        'risky',
        'setEvent',
        'writeStream',
        'closeStream',
      ],
      events: [{ key: 'stage', value: "'done'" }],
      streams: [{ key: 'log', values: ["'before'", "'after'"] }],
    });
  });
});
