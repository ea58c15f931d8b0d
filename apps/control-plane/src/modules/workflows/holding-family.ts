import type { MessageType, RequestFieldsOf, ResponseOf } from '@podium/protocol';
import type { ExecutorProxy, SendOptions } from '../executors/proxy/executor-proxy';
import { type SdkFamily, sdkFamilyOf } from '../executors/sdk-family';

/** An answer about one workflow, and the options that reach the executors holding it. */
export interface HeldAnswer<K extends MessageType> {
  readonly response: ResponseOf<K>;
  readonly holders: SendOptions;
}

/**
 * Reads about one workflow from the SDK family whose tables hold it. Each family keeps its
 * workflows in its own schema (`sdk-family.ts`), so in an application running both, the
 * executor that answered may not know a workflow the other family's executors do: then one of
 * those is asked. `holds` tells an answer about the workflow from "no such workflow". Null when
 * no family holds it. `holders` narrows `options` to the family that answered, for what
 * follows (the action, the status read back).
 */
export async function readFromHoldingFamily<K extends MessageType>(
  proxy: ExecutorProxy,
  applicationId: string,
  type: K,
  fields: RequestFieldsOf<K>,
  holds: (response: ResponseOf<K>) => boolean,
  options: SendOptions = {},
): Promise<HeldAnswer<K> | null> {
  const first = await proxy.exchange(applicationId, type, fields, options);
  const asked = sdkFamilyOf(first.executor);
  if (holds(first.response)) return { response: first.response, holders: within(asked, options) };
  const other = within(asked === 'podium' ? 'dbos' : 'podium', options);
  if (!other.only || !(await proxy.hasExecutor(applicationId, other.only.accepts))) return null;
  const second = await proxy.send(applicationId, type, fields, other);
  return holds(second) ? { response: second, holders: other } : null;
}

/** `options` narrowed to executors of `family`. */
function within(family: SdkFamily, options: SendOptions): SendOptions {
  const allowed = options.only?.accepts;
  return {
    ...options,
    only: {
      accepts: (e) => sdkFamilyOf(e) === family && (!allowed || allowed(e)),
      refusal:
        options.only?.refusal ??
        `The executors holding this workflow (${family === 'podium' ? '@podium/sdk' : 'DBOS Transact'}) are no longer connected.`,
      refusalCode: options.only?.refusalCode ?? 'EXECUTOR_UNAVAILABLE',
    },
  };
}
