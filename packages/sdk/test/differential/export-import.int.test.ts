/**
 * Differential: `export_workflow` and `import_workflow` sent to a DBOS Transact 5.2.11 executor
 * and to a @podium/sdk executor holding the same workflows' data. The documents have DBOS's
 * structure (same tables, keys and value types; @podium/sdk adds `notifications`), imports
 * round-trip on both, and both refuse what they cannot import. Values are each SDK's own
 * serialisation, so exports do not move between them: @podium/sdk refuses DBOS's with a
 * reason.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../helpers/util';
import { type Answer, askBoth, rawRequest, shapeOf, stepName } from './helpers/compare';
import { type Peers, startPeers } from './helpers/peers';

type Row = Record<string, unknown>;
type Exported = Record<string, Row | Row[]>;

const unpack = (answer: Answer): Exported[] =>
  JSON.parse(
    gunzipSync(Buffer.from(String(answer.serialized_workflow), 'base64')).toString('utf8'),
  ) as Exported[];

const rowsOf = (exported: Exported | undefined, table: string): Row[] =>
  (exported?.[table] as Row[] | undefined) ?? [];

/** `workflow_status`, or the first row of another table. */
const firstRow = (exported: Exported | undefined, table: string): Row | undefined => {
  const rows = exported?.[table];
  return Array.isArray(rows) ? rows[0] : rows;
};

/** Key → type of a row, leaving out the keys null on either side (data, not structure). */
function typesOf(row: Row | undefined, other: Row | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.keys(row ?? {})
      .filter((key) => row?.[key] !== null && other?.[key] !== null)
      .map((key) => [key, typeof row?.[key]]),
  );
}

describe('DBOS 5.2.11 and @podium/sdk export and import workflows alike', () => {
  let peers: Peers;
  beforeAll(async () => {
    peers = await startPeers(uniqueName('diff-export'));
  }, 120_000);
  afterAll(() => peers?.stop());

  const talker = { workflow_id: 'talker-1', export_children: true };

  it('export_workflow: the same tables, keys and types, and the same records', async () => {
    const [dbosAnswer, podiumAnswer] = await askBoth(peers, 'export_workflow', talker);
    expect(Object.keys(podiumAnswer)).toEqual(Object.keys(dbosAnswer));
    const [dbos] = unpack(dbosAnswer);
    const [podium] = unpack(podiumAnswer);
    // DBOS leaves messages out; @podium/sdk exports them in the same row style.
    expect(Object.keys(dbos ?? {}).sort()).toEqual(
      Object.keys(podium ?? {})
        .filter((table) => table !== 'notifications')
        .sort(),
    );
    for (const table of Object.keys(dbos ?? {})) {
      const [dbosRow, podiumRow] = [firstRow(dbos, table), firstRow(podium, table)];
      expect(Object.keys(podiumRow ?? {}).sort(), table).toEqual(Object.keys(dbosRow ?? {}).sort());
      expect(typesOf(podiumRow, dbosRow), table).toEqual(typesOf(dbosRow, podiumRow));
    }

    const status = (exported: Exported | undefined) => {
      const row = exported?.workflow_status as Row;
      return { id: row.workflow_uuid, status: row.status, name: row.name };
    };
    expect(status(podium)).toEqual(status(dbos));
    const steps = (exported: Exported | undefined) =>
      rowsOf(exported, 'operation_outputs').map((s) => [s.function_id, stepName(s.function_name)]);
    expect(steps(podium)).toEqual(steps(dbos));
    const streams = (exported: Exported | undefined) =>
      rowsOf(exported, 'streams')
        .map((s) => [s.key, s.offset, s.function_id])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(streams(podium)).toEqual(streams(dbos));
    const history = (exported: Exported | undefined) =>
      rowsOf(exported, 'workflow_events_history')
        .map((e) => [e.function_id, e.key])
        .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(history(podium)).toEqual(history(dbos));
    expect(rowsOf(podium, 'notifications')).toHaveLength(3);
  });

  it('export_workflow of an unknown workflow: no document, an error', async () => {
    const [dbos, podium] = await askBoth(peers, 'export_workflow', {
      workflow_id: 'no-such-workflow',
    });
    expect(shapeOf(podium)).toEqual(shapeOf(dbos));
    expect(dbos.serialized_workflow).toBeNull();
    expect(podium.error_message).toMatch(/no-such-workflow.* does not exist/);
  });

  it('import_workflow: each imports its own export back, once; refuses garbage', async () => {
    const [dbosExport, podiumExport] = await askBoth(peers, 'export_workflow', talker);
    const get = { workflow_id: 'talker-1' };
    const before = await askBoth(peers, 'get_workflow', get);
    const streamsBefore = await askBoth(peers, 'get_workflow_streams', get);
    await askBoth(peers, 'delete', { workflow_id: 'talker-1', delete_children: true });
    const importOwn = (side: 'dbos' | 'podium') => ({
      serialized_workflow: String(
        (side === 'dbos' ? dbosExport : podiumExport).serialized_workflow,
      ),
    });

    const imported = await askBoth(peers, 'import_workflow', importOwn);
    expect(imported).toEqual([{ type: 'import_workflow', success: true }, imported[0]]);
    expect(await askBoth(peers, 'get_workflow', get)).toEqual(before);
    expect(await askBoth(peers, 'get_workflow_streams', get)).toEqual(streamsBefore);

    const [dbosAgain, podiumAgain] = await askBoth(peers, 'import_workflow', importOwn);
    expect(shapeOf(podiumAgain)).toEqual(shapeOf(dbosAgain));
    expect(dbosAgain.success).toBe(false);
    expect(podiumAgain).toMatchObject({
      success: false,
      error_message: expect.stringMatching(/"talker-1" already exists/) as string,
    });

    const garbage = { serialized_workflow: 'not-base64-gzip' };
    const [dbosGarbage, podiumGarbage] = await askBoth(peers, 'import_workflow', garbage);
    expect(shapeOf(podiumGarbage)).toEqual(shapeOf(dbosGarbage));
    expect(dbosGarbage.error_message).toMatch(/incorrect header check/);
    expect(podiumGarbage.error_message).toMatch(/incorrect header check/);
  });

  it('import_workflow of the other SDK’s export: @podium/sdk refuses it and says why', async () => {
    const [dbosExport] = await askBoth(peers, 'export_workflow', talker);
    const foreign = await rawRequest(peers.podium.link, 'import_workflow', {
      serialized_workflow: String(dbosExport.serialized_workflow),
    });
    expect(foreign).toMatchObject({
      success: false,
      error_message: expect.stringMatching(
        /ImportRefusedError: .*"js_superjson".*exports do not move between SDKs/,
      ) as string,
    });
  });
});
