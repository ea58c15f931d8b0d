import {
  AppError,
  type MessageType,
  type RequestFieldsOf,
  type ResponseOf,
} from '@podium/protocol';
import type { ExecutorProxy, SendOptions } from './proxy/executor-proxy';
import { familyName, SDK_FAMILIES, type SdkFamily, sdkFamilyOf } from './sdk-family';

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
      refusal: `The ${familyName(family)} executors of this application are no longer connected.`,
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

/** What each SDK family answered. */
export interface FamilyAnswers<T> {
  readonly parts: FamilyPart<T>[];
  /** Both families were asked: their parts are to be merged, even if one is missing. */
  readonly mixed: boolean;
  /** Families asked that could not answer (gone since, or lacking the message), and why. */
  readonly missing: readonly { readonly family: SdkFamily; readonly detail: string }[];
}

/**
 * Runs `ask` once for each SDK family the application has connected, in parallel, with the
 * options that reach that family. Each family keeps its workflows in its own tables
 * (`sdk-family.ts`), so what concerns all of an application's workflows (a list, an aggregate,
 * retention) needs an answer from each. With one family connected (or none) `ask` runs once with
 * no options: one `send` like any other, with the same failover and errors. `mixed` tells `ask`
 * whether the parts will be merged. A family that left before its turn, or whose executors lack
 * the message, is reported `missing` (its failure thrown if no family answered, or if `strict`:
 * when a missing family could change the outcome, as an existence check).
 */
export async function askEachFamily<T>(
  proxy: ExecutorProxy,
  applicationId: string,
  ask: (reach: Reach, mixed: boolean) => Promise<T>,
  { strict = false }: { readonly strict?: boolean } = {},
): Promise<FamilyAnswers<T>> {
  const families = await connectedFamilies(proxy, applicationId);
  if (families.length < 2) {
    return { parts: [{ value: await ask({}, false), reach: {} }], mixed: false, missing: [] };
  }
  type Answer =
    | { family: SdkFamily; reach: Holders; value: T }
    | { family: SdkFamily; reach: Holders; error: Error };
  const answers = await Promise.all(
    families.map(async (family): Promise<Answer> => {
      const reach = familyHolders(family);
      try {
        return { family, reach, value: await ask(reach, true) };
      } catch (error) {
        return { family, reach, error: error as Error };
      }
    }),
  );
  const parts: FamilyPart<T>[] = [];
  const missing: { family: SdkFamily; detail: string }[] = [];
  let failure: Error | undefined;
  for (const answer of answers) {
    if ('value' in answer) {
      parts.push({ value: answer.value, reach: answer.reach });
      continue;
    }
    if (strict || !familyCannotAnswer(answer.error)) throw answer.error;
    missing.push({ family: answer.family, detail: answer.error.message });
    failure ??= answer.error;
  }
  if (parts.length === 0 && failure) throw failure;
  return { parts, mixed: true, missing };
}

/** `type` sent to one executor of each connected SDK family (`askEachFamily`). */
export function sendToEachFamily<K extends MessageType>(
  proxy: ExecutorProxy,
  applicationId: string,
  type: K,
  fields: (mixed: boolean) => RequestFieldsOf<K>,
): Promise<FamilyAnswers<ResponseOf<K>>> {
  return askEachFamily(proxy, applicationId, (reach, mixed) =>
    proxy.send(applicationId, type, fields(mixed), reach),
  );
}

async function connectedFamilies(
  proxy: ExecutorProxy,
  applicationId: string,
): Promise<SdkFamily[]> {
  const connected = new Set((await proxy.connectedIdentities(applicationId)).map(sdkFamilyOf));
  return SDK_FAMILIES.filter((family) => connected.has(family));
}

function familyCannotAnswer(error: unknown): boolean {
  return (
    AppError.is(error) &&
    (error.code === 'EXECUTOR_UNAVAILABLE' || error.code === 'EXECUTOR_UNSUPPORTED')
  );
}
