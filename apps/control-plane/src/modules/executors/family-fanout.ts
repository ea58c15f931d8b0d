import {
  AppError,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import type { ExecutorProxy, SendOptions } from './proxy/executor-proxy';
import { familyName, type SdkFamily, sdkFamilyOf } from './sdk-family';

/** Send options that reach only the executors of one SDK family, and which family that is. */
export type Holders = SendOptions & {
  readonly only: NonNullable<SendOptions['only']>;
  readonly family: SdkFamily;
};

/** Options that reach the executors of `family` only. */
export function familyHolders(family: SdkFamily): Holders {
  return {
    family,
    only: {
      accepts: (e) => sdkFamilyOf(e) === family,
      refusal: `The executors of the SDK family holding it (${familyName(family)}) are no longer connected.`,
      refusalCode: 'EXECUTOR_UNAVAILABLE',
    },
  };
}

/** The options that reach the executors an answer came from: its family's, or none (any). */
export type Reach = SendOptions | Holders;

/** What one family answered, and the options that reach that family again (none: one family). */
export interface FamilyPart<T> {
  readonly value: T;
  readonly reach: Reach;
}

/**
 * Runs `ask` once for each SDK family the application has connected, in parallel, with the
 * options that reach that family. Each family keeps its workflows in its own tables
 * (`sdk-family.ts`), so what concerns all of an application's workflows (a list, an aggregate,
 * retention) needs an answer from each. With one family connected (or none) `ask` runs once with
 * no options: one `send` like any other, with the same failover and errors. `mixed` tells `ask`
 * whether the parts will be merged. A family that left before its turn, or whose executors lack
 * the message, is left out (unless no family answered).
 */
export async function askEachFamily<T>(
  proxy: ExecutorProxy,
  applicationId: string,
  ask: (reach: Reach, mixed: boolean) => Promise<T>,
): Promise<FamilyPart<T>[]> {
  const families = await connectedFamilies(proxy, applicationId);
  if (families.length < 2) return [{ value: await ask({}, false), reach: {} }];
  const settled = await Promise.allSettled(
    families.map(async (family) => {
      const reach = familyHolders(family);
      return { value: await ask(reach, true), reach };
    }),
  );
  const parts = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as Error] : []));
  const failure = failures.find((error) => parts.length === 0 || !familyCannotAnswer(error));
  if (failure !== undefined) throw failure;
  return parts;
}

/** `type` sent to one executor of each connected SDK family (`askEachFamily`). */
export function sendToEachFamily<K extends MessageType>(
  proxy: ExecutorProxy,
  applicationId: string,
  type: K,
  fields: (mixed: boolean) => RequestFieldsOf<K>,
  options: Omit<SendOptions, 'only'> = {},
): Promise<FamilyPart<ResponseOf<K>>[]> {
  return askEachFamily(proxy, applicationId, (reach, mixed) =>
    proxy.send(applicationId, type, fields(mixed), { ...options, ...reach }),
  );
}

async function connectedFamilies(
  proxy: ExecutorProxy,
  applicationId: string,
): Promise<SdkFamily[]> {
  const families: SdkFamily[] = ['podium', 'dbos'];
  const connected = await Promise.all(
    families.map((family) => proxy.hasExecutor(applicationId, (e) => sdkFamilyOf(e) === family)),
  );
  return families.filter((_family, i) => connected[i]);
}

function familyCannotAnswer(error: unknown): boolean {
  return (
    AppError.is(error) &&
    (error.code === 'EXECUTOR_UNAVAILABLE' || error.code === 'EXECUTOR_UNSUPPORTED')
  );
}
