import {
  AppError,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import type { ExecutorIdentity } from '../executors/executor-registry';
import { familyHolders, type Holders, type Reach } from '../executors/family-fanout';
import type { ExecutorProxy, SendOptions } from '../executors/proxy/executor-proxy';
import { familyName, sdkFamilyOf } from '../executors/sdk-family';

/**
 * Executors answer a workflow, schedule or queue they do not hold (get_workflow, list_steps,
 * get_schedule, get_queue) with no output.
 */
export function hasOutput(answer: { readonly output?: unknown }): boolean {
  return !!answer.output;
}

/** An answer about one workflow, and the options that reach the executors holding it. */
export interface HeldAnswer<K extends MessageType> {
  readonly response: ResponseOf<K>;
  readonly holders: Holders;
}

/**
 * Reads about one workflow (or schedule, or queue) from the SDK family whose tables hold it.
 * Each family keeps its workflows in its own schema (`sdk-family.ts`), so in an application
 * running both, the executor that answered may not know a workflow the other family's executors
 * do: then one of those is asked (if that family left meanwhile, the workflow is not found).
 * `holds` tells an answer about the workflow from "no such workflow". Null when no family holds
 * it. `holders` reaches the family that answered, for what follows (the action, the status read
 * back). A name both families hold (a schedule or queue each defines) is read from whichever
 * answers first.
 */
export async function readFromHoldingFamily<K extends MessageType>(
  proxy: ExecutorProxy,
  applicationId: string,
  type: K,
  fields: RequestFieldsOf<K>,
  holds: (response: ResponseOf<K>) => boolean,
): Promise<HeldAnswer<K> | null> {
  const first = await proxy.exchange(applicationId, type, fields);
  const asked = sdkFamilyOf(first.executor);
  if (holds(first.response)) return { response: first.response, holders: familyHolders(asked) };
  const other = familyHolders(asked === 'podium' ? 'dbos' : 'podium');
  if (!(await proxy.hasExecutor(applicationId, other.only.accepts))) return null;
  try {
    const second = await proxy.send(applicationId, type, fields, other);
    return holds(second) ? { response: second, holders: other } : null;
  } catch (error) {
    if (AppError.is(error) && error.code === 'EXECUTOR_UNAVAILABLE') return null;
    throw error;
  }
}

/**
 * `holders` narrowed to the executors `only` also accepts (an action only some SDKs know);
 * `only`'s refusal when none of the holding family's connected executors is one.
 */
export async function narrowHolders<R extends Reach>(
  proxy: ExecutorProxy,
  applicationId: string,
  holders: R,
  only: NonNullable<SendOptions['only']>,
): Promise<R> {
  const holding = holders.only?.accepts ?? (() => true);
  const accepts = (e: ExecutorIdentity) => holding(e) && only.accepts(e);
  if (!(await proxy.hasExecutor(applicationId, accepts))) {
    throw new AppError(only.refusalCode ?? 'EXECUTOR_UNAVAILABLE', only.refusal);
  }
  return { ...holders, only: { ...(holders.only ?? only), accepts } };
}

/**
 * A fork onto `version` is carried out by the family holding the workflow, in its own tables:
 * when only the other family's executors run that version, none could ever run the fork, so it
 * is refused (CONFLICT) rather than left waiting. With no executor of the version connected at
 * all, the fork waits for one, as DBOS's does.
 */
export async function assertForkableOnto(
  proxy: ExecutorProxy,
  applicationId: string,
  reach: Reach,
  version: string | undefined,
): Promise<void> {
  if (version === undefined || !('family' in reach)) return;
  const { family, only } = reach;
  const running = (await proxy.connectedIdentities(applicationId)).filter(
    (e) => e.applicationVersion === version,
  );
  if (running.length === 0 || running.some(only.accepts)) return;
  const other = familyName(family === 'podium' ? 'dbos' : 'podium');
  throw new AppError(
    'CONFLICT',
    `Version "${version}" is run only by ${other} executors, which cannot see this workflow: ` +
      `it is held by ${familyName(family)} executors (each SDK family keeps its workflows in ` +
      'its own tables). Fork onto a version those run, or leave the version out.',
    { appVersion: version },
  );
}
