/**
 * Handlers of the requests for what a workflow exchanged: its events, the messages sent to it
 * (consumed or not) and its streams, in DBOS TypeScript's shapes (values as display strings).
 * An unknown workflow has none of them: empty lists, as DBOS answers.
 */
import type { ExecutorRequestHandlers } from '@podium/protocol';
import type { AgentOperations } from './operations';
import { display } from './wire-records';

export type CommunicationHandlerTypes =
  'get_workflow_events' | 'get_workflow_notifications' | 'get_workflow_streams';

export function communicationHandlers(
  ops: AgentOperations,
): Pick<ExecutorRequestHandlers, CommunicationHandlerTypes> {
  return {
    get_workflow_events: async (request) => {
      const events = await ops.transfer.listEvents(request.workflow_id);
      return { events: events.map(({ key, value }) => ({ key, value: display(value) })) };
    },

    get_workflow_notifications: async (request) => {
      const notifications = await ops.transfer.listNotifications(request.workflow_id);
      return {
        notifications: notifications.map((n) => ({
          topic: n.topic,
          message: display(n.message),
          created_at_epoch_ms: n.createdAt,
          consumed: n.consumed,
        })),
      };
    },

    get_workflow_streams: async (request) => {
      const streams = await ops.transfer.listStreams(request.workflow_id);
      return {
        streams: streams.map(({ key, values }) => ({ key, values: values.map(display) })),
      };
    },
  };
}
