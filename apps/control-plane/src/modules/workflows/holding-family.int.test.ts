import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { Script } from '../../../test/support/link-harness';
import { useProxyHarness } from '../../../test/support/proxy-harness';
import { hasOutput, narrowHolders, readFromHoldingFamily } from './holding-family';

const TIMEOUT_MS = 2_000;
const PODIUM_SDK = 'podium-sdk/0.1.0';

/** An executor whose tables hold `ids`: it answers get_workflow for those, no output otherwise. */
const holding =
  (...ids: string[]): Script =>
  (request) =>
    request.type === 'get_workflow' && ids.includes(request.workflow_id as string)
      ? { output: { WorkflowUUID: request.workflow_id, Status: 'SUCCESS' } }
      : { output: null };

describe('readFromHoldingFamily (real WebSockets)', () => {
  const { proxy, connect } = useProxyHarness(TIMEOUT_MS);
  const read = (workflowId: string) =>
    readFromHoldingFamily(
      proxy(),
      'app',
      'get_workflow',
      { workflow_id: workflowId, load_input: false, load_output: false },
      hasOutput,
    );

  // The newest version's executor is asked first: each order starts with the other family.
  it.each([
    ['DBOS first', false],
    ['the SDK first', true],
  ])('finds each family its own workflow, asking %s', async (_name, sdkNewest) => {
    const dbosVersion = sdkNewest ? 'v1' : 'v2';
    const sdkVersion = sdkNewest ? 'v2' : 'v1';
    const connectDbos = () => connect('dbos', dbosVersion, holding('dbos-wf'));
    const connectSdk = () => connect('sdk', sdkVersion, holding('sdk-wf'), PODIUM_SDK);
    const [first, second] = sdkNewest
      ? [await connectDbos(), await connectSdk()]
      : [await connectSdk(), await connectDbos()];
    const [dbos, sdk] = sdkNewest ? [first, second] : [second, first];

    for (const [workflowId, holder, other] of [
      ['dbos-wf', dbos, sdk],
      ['sdk-wf', sdk, dbos],
    ] as const) {
      const held = await read(workflowId);
      expect(held?.response.output?.WorkflowUUID).toBe(workflowId);
      expect(held?.holders.only.accepts(holder.live.identity)).toBe(true);
      expect(held?.holders.only.accepts(other.live.identity)).toBe(false);
    }
    // Two requests for the workflow the first family lacks, one for the other.
    expect(dbos.received.length + sdk.received.length).toBe(3);
  });

  it('asks once when one family is connected, and finds no unknown workflow', async () => {
    const dbos = await connect('dbos', 'v1', holding('dbos-wf'));
    await expect(read('missing')).resolves.toBeNull();
    expect(dbos.received).toEqual(['get_workflow']);
  });

  it("narrows the holders to an action's executors, or refuses as the action says", async () => {
    await connect('dbos', 'v1', holding('dbos-wf'));
    const sdk = await connect('sdk', 'v2', holding('sdk-wf'), PODIUM_SDK);
    const held = await read('dbos-wf');
    if (!held) throw new Error('the DBOS workflow was not found');
    const onlySdk = {
      accepts: (e: { sdkVersion: string | null }) => e.sdkVersion === PODIUM_SDK,
      refusal: 'restart needs a Podium SDK executor',
      refusalCode: 'EXECUTOR_UNSUPPORTED' as const,
    };
    const refused = await narrowHolders(proxy(), 'app', held.holders, onlySdk).catch(
      (error: unknown) => error,
    );
    expect(AppError.is(refused) && [refused.code, refused.message]).toEqual([
      'EXECUTOR_UNSUPPORTED',
      'restart needs a Podium SDK executor',
    ]);
    const anyone = { ...onlySdk, accepts: () => true };
    const narrowed = await narrowHolders(proxy(), 'app', held.holders, anyone);
    expect(narrowed.only.accepts(sdk.live.identity)).toBe(false);
    expect(narrowed.only.refusalCode).toBe('EXECUTOR_UNAVAILABLE');
  });
});
