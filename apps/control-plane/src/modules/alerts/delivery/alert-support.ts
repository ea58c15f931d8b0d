import type { ExecutorIdentity } from '../../executors/executor-registry';
import { sdkFamilyOf } from '../../executors/sdk-family';

/**
 * Whether an executor's SDK knows the `alert` message: @podium/sdk always, DBOS TypeScript
 * from 4.8, Python from 2.10 (or when it reports no version: an older one answers "Unknown
 * message type", harmless), Go (`SetAlertHandler`). Java's client has no alert handler.
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

function atLeast(version: string, major: number, minor: number): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [have, haveMinor] = [Number(match[1]), Number(match[2])];
  return have > major || (have === major && haveMinor >= minor);
}
