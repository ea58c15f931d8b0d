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
  if (sdkFamilyOf(executor) === 'podium') return true;
  switch (executor.language) {
    case 'typescript':
      return atLeast(executor.sdkVersion, 4, 11);
    case 'python':
      return atLeast(executor.sdkVersion, 2, 15);
    case 'go':
    case 'java':
      return true;
    default:
      return false;
  }
}

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
