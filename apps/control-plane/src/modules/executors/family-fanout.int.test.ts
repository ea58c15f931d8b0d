import { AppError, UNKNOWN_MESSAGE_TYPE_ERROR } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { Script } from '../../../test/support/link-harness';
import { useProxyHarness } from '../../../test/support/proxy-harness';
import type { Config } from '../../config/config';
import { QueuesService } from '../queues/queues.service';
import { sendToEachFamily } from './family-fanout';

const TIMEOUT_MS = 2_000;
const PODIUM_SDK = 'podium-sdk/0.1.0';
const scope = { organizationId: 'org', applicationId: 'app' };

/** An executor whose code defines `queues` and which has no step aggregates (an older SDK). */
function defining(...queues: string[]): Script {
  return (request) => {
    if (request.type === 'list_queues') return { output: queues.map((name) => ({ name })) };
    if (request.type === 'get_queue') {
      const name = request.name as string;
      return { output: queues.includes(name) ? { name, concurrency: 2 } : null };
    }
    return { error_message: UNKNOWN_MESSAGE_TYPE_ERROR };
  };
}

describe('each SDK family asked (real WebSockets)', () => {
  const { proxy, connect } = useProxyHarness(TIMEOUT_MS);

  it('lists the queues both families define, each name once, and finds either family’s', async () => {
    await connect('dbos', 'v1', defining('billing', 'shared'));
    await connect('sdk', 'v2', defining('shared', 'mail'), PODIUM_SDK);
    const config = { workflowSearch: { pageSize: 100 } } as Config;
    const queues = new QueuesService(proxy(), config);
    const names = (await queues.findQueues(scope)).map((q) => q.name);
    expect([...names].sort()).toEqual(['billing', 'mail', 'shared']);
    // The newest executor (the SDK's) is asked first; billing is DBOS's.
    expect(await queues.getQueue(scope, 'billing')).toMatchObject({ concurrency: 2 });
    const missing = await queues.getQueue(scope, 'none').catch((error: unknown) => error);
    expect(AppError.is(missing) && missing.code).toBe('NOT_FOUND');
  });

  it('leaves out a family whose executors lack the message, and fails as the proxy does when no family has it', async () => {
    const stepAggregates = () => ({ body: { group_by_function_name: true } });
    await connect('dbos', 'v1', defining());
    const refused = await sendToEachFamily(
      proxy(),
      'app',
      'get_step_aggregates',
      stepAggregates,
    ).catch((error: unknown) => error);
    expect(AppError.is(refused) && refused.code).toBe('EXECUTOR_UNSUPPORTED');

    const sdk = await connect(
      'sdk',
      'v2',
      () => ({ output: [{ group: { function_name: 'greet' }, count: 2 }] }),
      PODIUM_SDK,
    );
    const { parts } = await sendToEachFamily(proxy(), 'app', 'get_step_aggregates', stepAggregates);
    expect(parts.map(({ value }) => value.output)).toEqual([
      [{ group: { function_name: 'greet' }, count: 2 }],
    ]);
    expect(parts[0]?.reach.only?.accepts(sdk.live.identity)).toBe(true);
  });
});
