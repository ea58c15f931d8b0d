/**
 * Differential: `get_workflow_events`, `get_workflow_notifications` and `get_workflow_streams`
 * sent to a DBOS Transact 5.2.11 executor and to a @podium/sdk executor holding the same
 * workflows' data get answers with the same fields, types and values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../helpers/util';
import { askBoth, shapeOf } from './helpers/compare';
import { type Peers, startPeers } from './helpers/peers';

describe('DBOS 5.2.11 and @podium/sdk answer events, messages and streams alike', () => {
  let peers: Peers;
  beforeAll(async () => {
    peers = await startPeers(uniqueName('diff-comms'));
  }, 120_000);
  afterAll(() => peers?.stop());

  const talker = { workflow_id: 'talker-1' };
  const unknown = { workflow_id: 'no-such-workflow' };

  it('get_workflow_events: every event with its latest value, as a display string', async () => {
    const [dbos, podium] = await askBoth(peers, 'get_workflow_events', talker);
    expect(shapeOf(podium)).toEqual(shapeOf(dbos));
    const byKey = (answer: typeof dbos) =>
      (answer.events as { key: string }[]).toSorted((a, b) => a.key.localeCompare(b.key));
    expect(byKey(podium)).toEqual(byKey(dbos));
    expect(byKey(dbos)).toEqual([
      { key: 'progress', value: "{ phase: 'done', n: 2 }" },
      { key: 'tags', value: "[ 'a', 'b' ]" },
    ]);
  });

  it('get_workflow_notifications: every message, consumed or not, oldest first', async () => {
    const [dbos, podium] = await askBoth(peers, 'get_workflow_notifications', talker);
    expect(shapeOf(podium)).toEqual(shapeOf(dbos));
    type Message = { topic: string | null; message: string; consumed: boolean };
    const meaning = (answer: typeof dbos) =>
      (answer.notifications as Message[]).map(({ topic, message, consumed }) => ({
        topic,
        message,
        consumed,
      }));
    expect(meaning(podium)).toEqual(meaning(dbos));
    expect(meaning(dbos)).toEqual([
      { topic: 'greeting', message: "{ hello: 'world' }", consumed: true },
      { topic: 'other', message: "'unread'", consumed: false },
      { topic: null, message: "'no topic'", consumed: false },
    ]);
  });

  it('get_workflow_streams: each stream’s values up to its close', async () => {
    const [dbos, podium] = await askBoth(peers, 'get_workflow_streams', talker);
    expect(shapeOf(podium)).toEqual(shapeOf(dbos));
    const byKey = (answer: typeof dbos) =>
      (answer.streams as { key: string }[]).toSorted((a, b) => a.key.localeCompare(b.key));
    expect(byKey(podium)).toEqual(byKey(dbos));
    expect(byKey(dbos)).toEqual([
      { key: 'log', values: ["'line 1'", '{ line: 2, nested: { deep: [ 1, 2, 3 ] } }'] },
      { key: 'open', values: ['42'] },
    ]);
  });

  it('answers an unknown workflow with empty lists, not an error', async () => {
    for (const type of [
      'get_workflow_events',
      'get_workflow_notifications',
      'get_workflow_streams',
    ] as const) {
      const [dbos, podium] = await askBoth(peers, type, unknown);
      expect(podium, type).toEqual(dbos);
    }
  });
});
