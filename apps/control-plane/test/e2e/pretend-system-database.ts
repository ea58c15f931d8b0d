import type { Script } from '../support/link-harness';
import type { ScriptedLink } from './scripted-executor';

/**
 * What scripted executors that share one system database answer about recovery: it holds, per
 * dead executor id, the application version of its PENDING workflows; `recovery` clears those
 * of the receiver's own version only (as every DBOS SDK does), and `exist_pending_workflows`
 * reads them.
 */
export function systemDatabase() {
  const pending = new Map<string, string>();
  const script =
    (version: string, recovery: () => 'answer' | 'silent' = () => 'answer'): Script =>
    (request) => {
      if (request.type === 'exist_pending_workflows') {
        return {
          exist: pending.get(request.executor_id as string) === request.application_version,
        };
      }
      if (request.type === 'recovery') {
        if (recovery() === 'silent') return 'silent';
        for (const id of request.executor_ids as string[]) {
          if (pending.get(id) === version) pending.delete(id);
        }
        return { success: true };
      }
      return {};
    };
  return { pending, script };
}

/** The requests of one type a scripted executor received. */
export const requestsOf = (link: ScriptedLink, type: string) =>
  link.requests.filter((r) => r.type === type);
