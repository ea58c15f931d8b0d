import type { MessageType } from '@podium/protocol';

/**
 * Which executor the proxy asks, in which order. Pure functions, so the rules are tested
 * without sockets.
 *
 * - The target version is `preferVersion` when a connected executor runs it, else the version
 *   of the newest link (during a rolling deploy, the new version connects last).
 * - Executors of the target version come first; reads rotate among them (`turn`) to spread
 *   load, mutations always start with the newest. The others follow, newest first, as fallbacks.
 */

/** Read-only message types: safe to send again to another executor after a timeout. */
const READ_ONLY_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  'executor_info',
  'exist_pending_workflows',
  'get_metrics',
  'get_workflow_aggregates',
  'get_step_aggregates',
  'list_application_versions',
  'list_workflows',
  'list_queued_workflows',
  'get_workflow',
  'list_steps',
  'get_workflow_events',
  'get_workflow_notifications',
  'get_workflow_streams',
  'export_workflow',
  'list_queues',
  'get_queue',
  'list_schedules',
  'get_schedule',
]);

export type CommandKind = 'read' | 'mutation';

/** Anything not known to be read-only is a mutation (never repeated on doubt). */
export function commandKind(type: MessageType): CommandKind {
  return READ_ONLY_TYPES.has(type) ? 'read' : 'mutation';
}

interface Versioned {
  readonly identity: { readonly applicationVersion: string };
}

/** Orders connected executors (given newest link first) for one command. */
export function orderCandidates<T extends Versioned>(
  newestFirst: readonly T[],
  options: { preferVersion?: string; turn?: number } = {},
): T[] {
  const newest = newestFirst[0];
  if (!newest) return [];
  const { preferVersion } = options;
  const target =
    preferVersion !== undefined &&
    newestFirst.some((e) => e.identity.applicationVersion === preferVersion)
      ? preferVersion
      : newest.identity.applicationVersion;
  const preferred = newestFirst.filter((e) => e.identity.applicationVersion === target);
  const others = newestFirst.filter((e) => e.identity.applicationVersion !== target);
  const start = (options.turn ?? 0) % preferred.length;
  return [...preferred.slice(start), ...preferred.slice(0, start), ...others];
}

interface Linked {
  readonly linkedAt: Date;
}

/**
 * Two lists each newest link first (this replica's, other replicas'), merged newest first;
 * on a tie this replica's comes first (no trip through Redis).
 */
export function newestFirst<T extends Linked>(
  here: readonly T[],
  elsewhere: readonly T[],
): readonly T[] {
  if (elsewhere.length === 0) return here;
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < here.length || j < elsewhere.length) {
    const a = here[i];
    const b = elsewhere[j];
    if (a && (!b || a.linkedAt.getTime() >= b.linkedAt.getTime())) {
      merged.push(a);
      i += 1;
    } else if (b) {
      merged.push(b);
      j += 1;
    }
  }
  return merged;
}
