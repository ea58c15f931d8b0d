import { AppError, UNKNOWN_MESSAGE_TYPE_ERROR, type WorkflowsOutput } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { Script } from '../../../test/support/link-harness';
import { useProxyHarness } from '../../../test/support/proxy-harness';
import { readListedPage } from './family-lists';

const TIMEOUT_MS = 2_000;
/** Rows per request when both families are read: small, so that pages take several. */
const CHUNK = 2;
/** The deepest offset into both families' merged list. */
const MAX_OFFSET = 4;
const PODIUM_SDK = 'podium-sdk/0.1.0';

interface ListBody {
  limit?: number;
  offset?: number;
  sort_desc?: boolean;
}

/** An executor whose tables hold `rows`: it lists them as executors do, by creation time. */
function listing(rows: WorkflowsOutput[], bodies: ListBody[]): Script {
  return (request) => {
    const body = request.body as ListBody;
    bodies.push(body);
    const sign = body.sort_desc ? -1 : 1;
    const sorted = [...rows].sort((a, b) => sign * (Number(a.CreatedAt) - Number(b.CreatedAt)));
    const from = body.offset ?? 0;
    return { output: sorted.slice(from, body.limit === undefined ? undefined : from + body.limit) };
  };
}

const row = (WorkflowUUID: string, createdAt: number): WorkflowsOutput => ({
  WorkflowUUID,
  CreatedAt: String(createdAt),
});

describe('readListedPage (real WebSockets)', () => {
  const { proxy, connect } = useProxyHarness(TIMEOUT_MS);
  const page = (body: ListBody) =>
    readListedPage(
      proxy(),
      'app',
      body,
      async (pageBody, reach) => {
        const answer = await proxy().send('app', 'list_workflows', { body: pageBody }, reach);
        return answer.output ?? [];
      },
      { chunk: CHUNK, maxOffset: MAX_OFFSET },
    );

  it('cuts a page of both SDK families’ workflows from their merged list', async () => {
    const dbosBodies: ListBody[] = [];
    const sdkBodies: ListBody[] = [];
    const dbos = await connect('dbos', 'v1', listing([row('d1', 20), row('d2', 40)], dbosBodies));
    const sdk = await connect(
      'sdk',
      'v2',
      listing([row('p1', 10), row('p2', 30), row('p3', 50)], sdkBodies),
      PODIUM_SDK,
    );

    const oldest = await page({ limit: 2, offset: 1, sort_desc: false });
    expect(oldest.map(({ row }) => row.WorkflowUUID)).toEqual(['d1', 'p2']);
    expect(oldest.map(({ reach }) => reach.only?.accepts(dbos.live.identity))).toEqual([
      true,
      false,
    ]);
    // Each family was asked for everything up to the page's end, CHUNK rows at a time.
    const asked = (bodies: ListBody[]) => bodies.map((b) => [b.offset, b.limit]);
    expect(asked(dbosBodies)).toEqual([
      [0, 2],
      [2, 1],
    ]);
    expect(asked(sdkBodies)).toEqual([
      [0, 2],
      [2, 1],
    ]);

    const newest = await page({ limit: 3, offset: 0, sort_desc: true });
    expect(newest.map(({ row }) => row.WorkflowUUID)).toEqual(['p3', 'd2', 'p2']);
    const past = await page({ limit: 2, offset: 4, sort_desc: true });
    expect(past.map(({ row }) => row.WorkflowUUID)).toEqual(['p1']);
    expect([dbos.received.length, sdk.received.length]).toEqual([6, 6]);
  });

  it('refuses an offset into the merged list deeper than the bound, asking no executor', async () => {
    const dbos = await connect('dbos', 'v1', listing([row('d1', 20)], []));
    const sdk = await connect('sdk', 'v2', listing([row('p1', 10)], []), PODIUM_SDK);
    const failure = await page({ limit: 1, offset: MAX_OFFSET + 1 }).catch((e: unknown) => e);
    expect(AppError.is(failure) && [failure.code, failure.extra]).toEqual([
      'OFFSET_TOO_LARGE',
      { maxOffset: MAX_OFFSET },
    ]);
    expect([dbos.received.length, sdk.received.length]).toEqual([0, 0]);
  });

  it('still cuts the page from the merged list when one family cannot answer', async () => {
    await connect('dbos', 'v1', () => ({ error_message: UNKNOWN_MESSAGE_TYPE_ERROR }));
    const rows = [10, 20, 30, 40, 50].map((at, i) => row(`p${i + 1}`, at));
    await connect('sdk', 'v2', listing(rows, []), PODIUM_SDK);
    const listed = await page({ limit: 2, offset: 2, sort_desc: false });
    expect(listed.map(({ row }) => row.WorkflowUUID)).toEqual(['p3', 'p4']);
  });

  it('passes the page through as asked when one family is connected, at any offset', async () => {
    const bodies: ListBody[] = [];
    const dbos = await connect('dbos', 'v1', listing([row('d1', 20), row('d2', 40)], bodies));
    const listed = await page({ limit: 1, offset: 1, sort_desc: false });
    expect(listed.map(({ row }) => row.WorkflowUUID)).toEqual(['d2']);
    expect(listed[0]?.reach).toEqual({});
    expect(bodies).toMatchObject([{ limit: 1, offset: 1, sort_desc: false }]);
    expect(dbos.received).toEqual(['list_workflows']);
    expect(await page({ limit: 1, offset: 1_000 })).toEqual([]);
  });

  it('fails as the proxy does when no executor is connected', async () => {
    const failure = await page({ limit: 1 }).catch((error: unknown) => error);
    expect(AppError.is(failure) && failure.code).toBe('EXECUTOR_UNAVAILABLE');
  });
});
