import type {
  WorkflowEvent,
  WorkflowEventEntry,
  WorkflowNotification,
  WorkflowNotificationEntry,
  WorkflowStream,
  WorkflowStreamEntry,
} from '@podium/protocol';
import { epochToIso } from './workflow.mapper';

/** Executor records (snake_case, epoch ms) → DBOS Conductor's REST shapes. Values stay display strings. */

export function mapWorkflowEvent(e: WorkflowEvent): WorkflowEventEntry {
  return { key: e.key, value: e.value ?? '' };
}

export function mapWorkflowNotification(n: WorkflowNotification): WorkflowNotificationEntry {
  return {
    topic: n.topic ?? null,
    message: n.message ?? '',
    // A number on the wire: never unreadable in practice; the epoch if it were.
    createdAt: epochToIso(n.created_at_epoch_ms) ?? new Date(0).toISOString(),
    consumed: n.consumed,
  };
}

export function mapWorkflowStream(s: WorkflowStream): WorkflowStreamEntry {
  return { key: s.key, values: s.values };
}
