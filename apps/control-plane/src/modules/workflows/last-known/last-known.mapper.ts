import type { LastKnown, Workflow } from '@podium/protocol';
import { storableText, unstorableTextReason } from '../../../common/validation/storable-json';

/**
 * Workflows ↔ rows of the last-known index. Only metadata crosses: inputs, outputs and
 * everything else an executor reported are dropped on the way in, and read back as null.
 */

/** Longest error summary kept (the start of the executor's display string). */
export const ERROR_SUMMARY_MAX_CHARS = 500;

export const NO_EXECUTOR_CONNECTED: LastKnown['reason'] = 'no executor connected';

/** What the index keeps of one workflow. */
export interface LastKnownRow {
  readonly workflowId: string;
  readonly name: string | null;
  readonly status: string | null;
  readonly queueName: string | null;
  readonly executorId: string | null;
  readonly applicationVersion: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  readonly errorSummary: string | null;
  readonly seenAt: Date;
}

/**
 * What the index keeps of an executor's report; null for a workflow whose id PostgreSQL cannot
 * store. Other text it cannot store is kept with U+FFFD in place of the bad characters: the
 * rows of every application go in one statement, which one such string would fail whole.
 */
export function toLastKnownRow(workflow: Workflow, seenAt: Date): LastKnownRow | null {
  if (unstorableTextReason(workflow.workflowId)) return null;
  return {
    workflowId: workflow.workflowId,
    name: storable(workflow.workflowName),
    status: storable(workflow.status),
    queueName: storable(workflow.queueName),
    executorId: storable(workflow.executorId),
    applicationVersion: storable(workflow.appVersion),
    createdAt: toDate(workflow.createdAt),
    updatedAt: toDate(workflow.updatedAt),
    errorSummary: storable(summarizeError(workflow.error)),
    seenAt,
  };
}

function storable(text: string | null): string | null {
  return text === null ? null : storableText(text);
}

/** A row as a workflow: what the index does not keep is null. */
export function mapLastKnownWorkflow(row: LastKnownRow): Workflow {
  return {
    workflowId: row.workflowId,
    status: row.status,
    workflowName: row.name,
    workflowClass: null,
    workflowConfig: null,
    applicationName: null,
    appVersion: row.applicationVersion,
    executorId: row.executorId,
    queueName: row.queueName,
    queuePartitionKey: null,
    deduplicationId: null,
    priority: null,
    user: null,
    assumedRole: null,
    roles: null,
    input: null,
    output: null,
    error: row.errorSummary,
    createdAt: row.createdAt?.toISOString() ?? null,
    updatedAt: row.updatedAt?.toISOString() ?? null,
    dequeuedAt: null,
    completedAt: null,
    delayUntil: null,
    deadline: null,
    timeoutMs: null,
    parentWorkflowId: null,
    forkedFrom: null,
    wasForkedFrom: null,
    scheduleName: null,
    attributes: null,
  };
}

export function lastKnownMarker(at: Date): LastKnown {
  return { at: at.toISOString(), reason: NO_EXECUTOR_CONNECTED };
}

/** The start of an error's display string, marked when cut (errors can carry whole stacks). */
export function summarizeError(error: string | null): string | null {
  if (error === null || error.length <= ERROR_SUMMARY_MAX_CHARS) return error;
  let end = ERROR_SUMMARY_MAX_CHARS - 1;
  // Never split a surrogate pair (PostgreSQL cannot store half of one).
  if (/[\uD800-\uDBFF]/.test(error.charAt(end - 1))) end -= 1;
  return `${error.slice(0, end)}…`;
}

function toDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}
