import { z } from 'zod';

/**
 * The document inside `export_workflow.serialized_workflow` / `import_workflow` (after
 * base64 and gunzip), as DBOS TypeScript, Go and Java write it: a JSON array with one entry
 * per workflow (the root first, then its descendants when `export_children`), each holding the
 * raw rows of the system tables in snake_case. BIGINT columns are decimal strings (as `pg`
 * returns them), INTEGER columns numbers; decoding takes either and yields numbers.
 *
 * Values (`inputs`, `output`, `value`, `message`) are serialised text in the format the row's
 * `serialization` names (DBOS: `js_superjson`, `portable_json`; `@podium/sdk`: `podium_json`):
 * an export only imports into an executor that reads that format. `notifications` is written
 * by `@podium/sdk` only (DBOS exports leave messages out, and ignore the key on import).
 */

const text = z.string().nullish();
/** A BIGINT or INTEGER column: a number, or a decimal string. */
const integer = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const optionalInteger = integer.nullish();
const flag = z.boolean().nullish();

export const ExportedWorkflowStatusSchema = z.object({
  workflow_uuid: z.string(),
  status: z.string(),
  name: z.string(),
  authenticated_user: text,
  assumed_role: text,
  authenticated_roles: text,
  output: text,
  error: text,
  executor_id: text,
  created_at: integer,
  updated_at: optionalInteger,
  application_version: text,
  application_id: text,
  class_name: text,
  config_name: text,
  recovery_attempts: optionalInteger,
  queue_name: text,
  workflow_timeout_ms: optionalInteger,
  workflow_deadline_epoch_ms: optionalInteger,
  started_at_epoch_ms: optionalInteger,
  deduplication_id: text,
  inputs: text,
  priority: optionalInteger,
  queue_partition_key: text,
  forked_from: text,
  parent_workflow_id: text,
  serialization: text,
  delay_until_epoch_ms: optionalInteger,
  was_forked_from: flag,
  rate_limited: flag,
  completed_at: optionalInteger,
  attributes: z.record(z.string(), z.unknown()).nullish(),
  schedule_name: text,
  debounce_deadline_epoch_ms: optionalInteger,
  is_debounced: flag,
  application_name: text,
});

export const ExportedOperationOutputSchema = z.object({
  workflow_uuid: z.string(),
  function_id: integer,
  function_name: z.string(),
  output: text,
  error: text,
  child_workflow_id: text,
  started_at_epoch_ms: optionalInteger,
  completed_at_epoch_ms: optionalInteger,
  serialization: text,
  application_name: text,
});

export const ExportedWorkflowEventSchema = z.object({
  workflow_uuid: z.string(),
  key: z.string(),
  value: z.string(),
  serialization: text,
});

export const ExportedWorkflowEventHistorySchema = ExportedWorkflowEventSchema.extend({
  function_id: integer,
});

export const ExportedStreamEntrySchema = z.object({
  workflow_uuid: z.string(),
  key: z.string(),
  value: z.string(),
  offset: integer,
  function_id: integer,
  serialization: text,
});

/** A message sent to the workflow (`@podium/sdk` exports only). */
export const ExportedNotificationSchema = z.object({
  destination_uuid: z.string(),
  message_uuid: z.string(),
  topic: text,
  message: z.string(),
  created_at_epoch_ms: integer,
  consumed: z.boolean(),
  consumed_by_function_id: optionalInteger,
  serialization: text,
});

export const ExportedWorkflowSchema = z.object({
  workflow_status: ExportedWorkflowStatusSchema,
  operation_outputs: z.array(ExportedOperationOutputSchema),
  workflow_events: z.array(ExportedWorkflowEventSchema),
  workflow_events_history: z.array(ExportedWorkflowEventHistorySchema),
  streams: z.array(ExportedStreamEntrySchema),
  notifications: z.array(ExportedNotificationSchema).optional(),
});

/** The whole document: the exported workflows, the requested one first. */
export const WorkflowExportSchema = z.array(ExportedWorkflowSchema);

/** A document as written (integers may be strings). */
export type WorkflowExport = z.input<typeof WorkflowExportSchema>;
export type ExportedWorkflow = z.input<typeof ExportedWorkflowSchema>;
/** A document as decoded (integers are numbers). */
export type DecodedWorkflowExport = z.output<typeof WorkflowExportSchema>;
export type DecodedExportedWorkflow = z.output<typeof ExportedWorkflowSchema>;
