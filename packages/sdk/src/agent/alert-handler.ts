/**
 * The handler of `alert`: hands the alert to the app's handler (`podium.onAlert`) and answers
 * as DBOS TypeScript does: `success: true` once it returned (or when there is none: the alert
 * is logged), `success: false` with `Exception in alert handler: <message>` when it threw.
 * The app's code runs here, never on the keepalive path; a slow handler delays only this answer.
 */
import type { ExecutorRequestHandlers } from '@podium/protocol';
import type { AgentOperations } from './operations';

export function alertHandler(ops: AgentOperations): Pick<ExecutorRequestHandlers, 'alert'> {
  return {
    alert: async (request) => {
      try {
        await ops.alerts.deliver({
          name: request.name,
          message: request.message,
          metadata: request.metadata,
        });
        return { success: true };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { success: false, error_message: `Exception in alert handler: ${reason}` };
      }
    },
  };
}
