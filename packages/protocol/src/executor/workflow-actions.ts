import { z } from 'zod';
import {
  ForkFromFailureBodySchema,
  ForkWorkflowBodySchema,
  RewindWorkflowBodySchema,
} from './bodies';
import { defineMessage, successResponse } from './message';

/**
 * Workflow mutations. Bulk fields: `workflow_ids` overrides `workflow_id`, but `workflow_id` is
 * always required (Python needs the key; TS uses an empty `workflow_ids` as-is, Python and Go fall
 * back to `workflow_id`).
 */

const workflowId = { workflow_id: z.string(), workflow_ids: z.array(z.string()).nullish() };

/** Cancels workflows; `cancel_children` (TS 4.20 / Py 2.24) cascades to descendants. */
export const CancelMessage = defineMessage(
  'cancel',
  { ...workflowId, cancel_children: z.boolean().nullish() },
  successResponse,
);

/** Resumes workflows, optionally onto `queue_name`. */
export const ResumeMessage = defineMessage(
  'resume',
  { ...workflowId, queue_name: z.string().nullish() },
  successResponse,
);

/**
 * Forks from the start to a new ID, which DBOS does not report. Removed in TS 5.0; not in Go.
 * `new_workflow_id` is a Podium extension (our SDK reports it; DBOS executors leave it out).
 */
export const RestartMessage = defineMessage(
  'restart',
  { workflow_id: z.string() },
  { ...successResponse, new_workflow_id: z.string().nullish() },
);

/** Deletes workflows; `delete_children` has no default in Python, so the key must be present. */
export const DeleteMessage = defineMessage(
  'delete',
  { ...workflowId, delete_children: z.boolean().nullish() },
  successResponse,
);

/** Copies checkpoints before `start_step` into a new workflow and re-runs from there. */
export const ForkWorkflowMessage = defineMessage(
  'fork_workflow',
  { body: ForkWorkflowBodySchema },
  { new_workflow_id: z.string().nullish() },
);

/** Forks each workflow from a chosen failed/last/numbered/named step. */
export const ForkFromFailureMessage = defineMessage(
  'fork_from_failure',
  { body: ForkFromFailureBodySchema },
  { forked_workflow_ids: z.array(z.string()).nullish() },
);

/** Rewinds a terminal workflow in place (TS 5.1+ only). */
export const RewindWorkflowMessage = defineMessage(
  'rewind_workflow',
  { body: RewindWorkflowBodySchema },
  successResponse,
);

/** Imports an `export_workflow` payload. Only from a trusted export of the same language. */
export const ImportWorkflowMessage = defineMessage(
  'import_workflow',
  { serialized_workflow: z.string() },
  successResponse,
);

export const WORKFLOW_ACTION_MESSAGES = [
  CancelMessage,
  ResumeMessage,
  RestartMessage,
  DeleteMessage,
  ForkWorkflowMessage,
  ForkFromFailureMessage,
  RewindWorkflowMessage,
  ImportWorkflowMessage,
] as const;
