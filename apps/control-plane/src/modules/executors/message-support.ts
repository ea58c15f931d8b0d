import type { ExecutorIdentity } from './executor-registry';
import { sdkFamilyOf } from './sdk-family';

/**
 * Which executors know the message types that only some SDKs (or SDK versions) handle, decided
 * from the language and version each reports (`language`, `dbos_version`; one too old to report
 * them is offered none of these types). The one place this
 * is decided: the proxy sends such a type only to an executor accepted here, so an operator gets
 * a clear "needs ..." rather than an executor's "Unknown message type".
 */

/** A message type some executors lack: who accepts it, and what to say when none does. */
export interface MessageSupport {
  readonly accepts: (executor: ExecutorIdentity) => boolean;
  /** What an application needs connected, e.g. "a DBOS TypeScript ≥ 5.1 or Podium SDK executor". */
  readonly needs: string;
}

/**
 * `alert`: @podium/sdk always, DBOS TypeScript from 4.8, Python from 2.10 (or when it reports no
 * version: an older one answers "Unknown message type", harmless), Go (`SetAlertHandler`).
 * Java's client has no alert handler.
 */
export function supportsAlert(executor: ExecutorIdentity): boolean {
  if (sdkFamilyOf(executor) === 'podium') return true;
  switch (executor.language) {
    case 'typescript':
      return atLeast(executor.sdkVersion, 4, 8);
    case 'python':
      return executor.sdkVersion === 'unknown' || atLeast(executor.sdkVersion, 2, 10);
    case 'go':
      return true;
    default:
      return false;
  }
}

/** `restart`: @podium/sdk, Python, Java, DBOS TypeScript before 5.0 (removed there); never Go. */
export function supportsRestart(executor: ExecutorIdentity): boolean {
  if (sdkFamilyOf(executor) === 'podium') return true;
  switch (executor.language) {
    case 'typescript':
      return versionOf(executor.sdkVersion) !== null && !atLeast(executor.sdkVersion, 5, 0);
    case 'python':
    case 'java':
      return true;
    default:
      return false;
  }
}

/** `rewind_workflow`: @podium/sdk and DBOS TypeScript from 5.1 only. */
export function supportsRewind(executor: ExecutorIdentity): boolean {
  if (sdkFamilyOf(executor) === 'podium') return true;
  return executor.language === 'typescript' && atLeast(executor.sdkVersion, 5, 1);
}

/**
 * `workflow_ids` in `cancel`, `resume` and `delete` (one frame for many workflows): DBOS
 * TypeScript from 4.11 and Python from 2.15, Go, Java, @podium/sdk. An older executor (or one
 * too old to say its version) acts on `workflow_id` alone, and answers success.
 */
export function supportsWorkflowIds(executor: ExecutorIdentity): boolean {
  return since(executor, { typescript: [4, 11], python: [2, 15] });
}

/**
 * `cancel_children` in `cancel`: DBOS TypeScript from 4.20 and Python from 2.24, Go, Java,
 * @podium/sdk. An older executor ignores it (cancels the parent alone) and answers success.
 */
export function supportsCancelChildren(executor: ExecutorIdentity): boolean {
  return since(executor, { typescript: [4, 20], python: [2, 24] });
}

/**
 * `queue_name` (and `queue_partition_key`) in `resume` and `fork_workflow`: DBOS TypeScript from
 * 4.11, the other SDKs. An older TypeScript executor ignores them and runs the workflow at once.
 */
export function supportsQueueTarget(executor: ExecutorIdentity): boolean {
  return since(executor, { typescript: [4, 11] });
}

/** The options of an action that only some executors read. */
export const OPTION_SUPPORT = {
  cancelChildren: {
    accepts: supportsCancelChildren,
    needs: 'a DBOS TypeScript ≥ 4.20, Python ≥ 2.24, Go, Java or Podium SDK executor',
  },
  queueName: {
    accepts: supportsQueueTarget,
    needs: 'a DBOS TypeScript ≥ 4.11, Python, Go, Java or Podium SDK executor',
  },
} as const satisfies Record<string, MessageSupport>;

/** The gated workflow actions an operator can ask for. */
export const MESSAGE_SUPPORT = {
  restart: {
    accepts: supportsRestart,
    needs: 'a DBOS Python, Java, TypeScript < 5.0 or Podium SDK executor',
  },
  rewind_workflow: {
    accepts: supportsRewind,
    needs: 'a DBOS TypeScript ≥ 5.1 or Podium SDK executor',
  },
} as const satisfies Record<string, MessageSupport>;

/**
 * @podium/sdk, DBOS TypeScript and Python from the versions given (any version when none is),
 * Go and Java (whose clients came later); no other (nor one too old to say its language).
 */
function since(
  executor: ExecutorIdentity,
  minimum: Partial<Record<'typescript' | 'python', readonly [number, number]>>,
): boolean {
  if (sdkFamilyOf(executor) === 'podium') return true;
  switch (executor.language) {
    case 'typescript':
    case 'python': {
      const first = minimum[executor.language];
      return first === undefined || atLeast(executor.sdkVersion, ...first);
    }
    case 'go':
    case 'java':
      return true;
    default:
      return false;
  }
}

function versionOf(version: string | null): readonly [number, number] | null {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function atLeast(version: string | null, major: number, minor: number): boolean {
  const parsed = versionOf(version);
  if (!parsed) return false;
  const [have, haveMinor] = parsed;
  return have > major || (have === major && haveMinor >= minor);
}
