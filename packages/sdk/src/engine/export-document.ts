/**
 * A workflow's stored history ↔ the export document in DBOS TypeScript's shape (the protocol's
 * `WorkflowExportSchema`): the same tables, keys and value types, so the control plane treats
 * exports of both SDKs alike. Columns this SDK does not have carry DBOS's defaults. Pure.
 *
 * Importable means written by this SDK: every value is tagged `podium_json` (stream close
 * markers `portable_json`, as DBOS writes them). Another SDK's values cannot be read back
 * here, so such documents are refused, not half imported.
 */
import {
  type DecodedExportedWorkflow,
  type ExportedWorkflow,
  isWorkflowStatus,
  WorkflowExportSchema,
} from '@podium/protocol';
import { ImportRefusedError } from '../errors';
import { isCloseMarker, PODIUM_JSON, type WorkflowHistory } from './storage/history-storage';

const epoch = (ms: number | null): string | null => (ms === null ? null : String(ms));
const tagOf = (...values: (string | null)[]): string | null =>
  values.some((value) => value !== null) ? PODIUM_JSON : null;

export function toExportedWorkflow(history: WorkflowHistory): ExportedWorkflow {
  const { workflow: w } = history;
  const id = w.workflowId;
  return {
    workflow_status: {
      workflow_uuid: id,
      status: w.status,
      name: w.name,
      authenticated_user: w.authenticatedUser,
      assumed_role: null,
      authenticated_roles: null,
      output: w.output,
      error: w.error,
      executor_id: w.executorId,
      created_at: String(w.createdAt),
      updated_at: String(w.updatedAt),
      application_version: w.applicationVersion,
      application_id: null,
      class_name: null,
      config_name: null,
      recovery_attempts: String(w.recoveryAttempts),
      queue_name: w.queueName,
      workflow_timeout_ms: epoch(w.timeoutMs),
      workflow_deadline_epoch_ms: epoch(w.deadlineEpochMs),
      started_at_epoch_ms: epoch(w.startedAt),
      deduplication_id: w.deduplicationId,
      inputs: w.input,
      priority: w.priority,
      queue_partition_key: w.queuePartitionKey,
      forked_from: w.forkedFrom,
      parent_workflow_id: w.parentWorkflowId,
      serialization: PODIUM_JSON,
      delay_until_epoch_ms: epoch(w.delayUntilEpochMs),
      was_forked_from: w.wasForkedFrom,
      rate_limited: false,
      completed_at: epoch(w.completedAt),
      attributes: null,
      schedule_name: w.scheduleName,
      debounce_deadline_epoch_ms: null,
      is_debounced: false,
      application_name: w.applicationName,
    },
    operation_outputs: history.steps.map((step) => ({
      workflow_uuid: id,
      function_id: step.functionId,
      function_name: step.functionName,
      output: step.output,
      error: step.error,
      child_workflow_id: step.childWorkflowId,
      started_at_epoch_ms: epoch(step.startedAt),
      completed_at_epoch_ms: String(step.completedAt),
      serialization: tagOf(step.output, step.error),
      application_name: w.applicationName,
    })),
    workflow_events: history.events.map((event) => ({
      workflow_uuid: id,
      ...event,
      serialization: PODIUM_JSON,
    })),
    workflow_events_history: history.eventHistory.map((event) => ({
      workflow_uuid: id,
      function_id: event.functionId,
      key: event.key,
      value: event.value,
      serialization: PODIUM_JSON,
    })),
    streams: history.streams.map((row) => ({
      workflow_uuid: id,
      key: row.key,
      value: row.value,
      offset: row.offset,
      function_id: row.functionId,
      serialization: row.serialization,
    })),
    notifications: history.notifications.map((message) => ({
      destination_uuid: id,
      message_uuid: message.messageId,
      topic: message.topic,
      message: message.message,
      created_at_epoch_ms: String(message.createdAt),
      consumed: message.consumed,
      consumed_by_function_id: message.consumedByFunctionId,
      serialization: PODIUM_JSON,
    })),
  };
}

/**
 * Validates a document and reads it back into histories; `ImportRefusedError` if it cannot.
 * Workflows without an application name get `applicationName` (the importing app's).
 */
export function fromExportDocument(document: unknown, applicationName: string): WorkflowHistory[] {
  const parsed = WorkflowExportSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}`;
    throw new ImportRefusedError(`not a workflow export (${issue?.message ?? 'invalid'}${where})`);
  }
  if (parsed.data.length === 0) throw new ImportRefusedError('the export holds no workflow');
  const ids = parsed.data.map((exported) => exported.workflow_status.workflow_uuid);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice !== undefined) throw new ImportRefusedError(`the export holds "${twice}" twice`);
  return parsed.data.map((exported) => fromExportedWorkflow(exported, applicationName));
}

function fromExportedWorkflow(
  exported: DecodedExportedWorkflow,
  applicationName: string,
): WorkflowHistory {
  const s = exported.workflow_status;
  const id = s.workflow_uuid;
  assertOurs(id, s.serialization);
  if (!isWorkflowStatus(s.status)) {
    throw new ImportRefusedError(`workflow "${id}" has an unknown status "${s.status}"`);
  }
  const rows = [
    ...exported.operation_outputs,
    ...exported.workflow_events,
    ...exported.workflow_events_history,
    ...exported.streams,
  ];
  for (const row of rows) {
    if (row.workflow_uuid !== id) {
      throw new ImportRefusedError(
        `a row of workflow "${row.workflow_uuid}" is filed under "${id}"`,
      );
    }
  }
  for (const row of exported.operation_outputs) {
    if (row.serialization != null) assertOurs(id, row.serialization);
  }
  for (const row of [...exported.workflow_events, ...exported.workflow_events_history]) {
    assertOurs(id, row.serialization);
  }
  for (const row of exported.streams) {
    if (!isCloseMarker({ value: row.value, serialization: row.serialization ?? '' })) {
      assertOurs(id, row.serialization);
    }
  }
  const notifications = exported.notifications ?? [];
  for (const message of notifications) {
    if (message.destination_uuid !== id) {
      throw new ImportRefusedError(
        `a message to "${message.destination_uuid}" is filed under "${id}"`,
      );
    }
    assertOurs(id, message.serialization);
  }
  return {
    workflow: {
      workflowId: id,
      name: s.name,
      status: s.status,
      input: s.inputs ?? null,
      output: s.output ?? null,
      error: s.error ?? null,
      executorId: s.executor_id ?? null,
      applicationVersion: s.application_version ?? null,
      applicationName: s.application_name ?? applicationName,
      queueName: s.queue_name ?? null,
      authenticatedUser: s.authenticated_user ?? null,
      parentWorkflowId: s.parent_workflow_id ?? null,
      forkedFrom: s.forked_from ?? null,
      wasForkedFrom: false,
      deduplicationId: s.deduplication_id ?? null,
      priority: s.priority ?? 0,
      timeoutMs: s.workflow_timeout_ms ?? null,
      deadlineEpochMs: s.workflow_deadline_epoch_ms ?? null,
      recoveryAttempts: s.recovery_attempts ?? 0,
      generation: 0,
      createdAt: s.created_at,
      updatedAt: s.updated_at ?? s.created_at,
      startedAt: s.started_at_epoch_ms ?? null,
      completedAt: s.completed_at ?? null,
      scheduleName: s.schedule_name ?? null,
      queuePartitionKey: s.queue_partition_key ?? null,
      delayUntilEpochMs: s.delay_until_epoch_ms ?? null,
    },
    steps: exported.operation_outputs.map((step) => ({
      workflowId: id,
      functionId: step.function_id,
      functionName: step.function_name,
      output: step.output ?? null,
      error: step.error ?? null,
      childWorkflowId: step.child_workflow_id ?? null,
      startedAt: step.started_at_epoch_ms ?? null,
      completedAt: step.completed_at_epoch_ms ?? s.created_at,
    })),
    events: exported.workflow_events.map(({ key, value }) => ({ key, value })),
    eventHistory: exported.workflow_events_history.map((event) => ({
      functionId: event.function_id,
      key: event.key,
      value: event.value,
    })),
    streams: exported.streams.map((row) => ({
      key: row.key,
      offset: row.offset,
      value: row.value,
      serialization: row.serialization ?? PODIUM_JSON,
      functionId: row.function_id,
    })),
    notifications: notifications.map((message) => ({
      messageId: message.message_uuid,
      topic: message.topic ?? null,
      message: message.message,
      createdAt: message.created_at_epoch_ms,
      consumed: message.consumed,
      consumedByFunctionId: message.consumed_by_function_id ?? null,
    })),
  };
}

function assertOurs(workflowId: string, serialization: string | null | undefined): void {
  if (serialization === PODIUM_JSON) return;
  throw new ImportRefusedError(
    `workflow "${workflowId}" was not exported by @podium/sdk (its values are serialised as ` +
      `${serialization == null ? 'an unnamed format' : `"${serialization}"`}, which this SDK ` +
      'cannot read); exports do not move between SDKs',
  );
}
