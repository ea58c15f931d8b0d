import { z } from 'zod';
import { IsoTimestampSchema, queryBoolean } from './query-params';

/**
 * What a workflow recorded besides its steps, and moving it between applications:
 * `GET .../workflows/{workflowId}/events|notifications|streams|export` and
 * `POST .../workflows/import`, with DBOS Conductor's shapes (bare arrays, camelCase). Read live
 * from an executor. Values are the executor's display strings, never JSON to parse.
 */

/** A key a workflow set with `setEvent`, and its latest value. */
export const WorkflowEventEntrySchema = z.object({
  key: z.string(),
  value: z.string(),
});
export type WorkflowEventEntry = z.infer<typeof WorkflowEventEntrySchema>;
export const ListWorkflowEventsResponseSchema = z.array(WorkflowEventEntrySchema);
export type ListWorkflowEventsResponse = z.infer<typeof ListWorkflowEventsResponseSchema>;

/** A message sent to the workflow; `consumed` once the workflow received it. */
export const WorkflowNotificationEntrySchema = z.object({
  topic: z.string().nullable(),
  message: z.string(),
  createdAt: IsoTimestampSchema,
  consumed: z.boolean(),
});
export type WorkflowNotificationEntry = z.infer<typeof WorkflowNotificationEntrySchema>;
export const ListWorkflowNotificationsResponseSchema = z.array(WorkflowNotificationEntrySchema);
export type ListWorkflowNotificationsResponse = z.infer<
  typeof ListWorkflowNotificationsResponseSchema
>;

/** A stream the workflow wrote, its values in order. */
export const WorkflowStreamEntrySchema = z.object({
  key: z.string(),
  values: z.array(z.string()),
});
export type WorkflowStreamEntry = z.infer<typeof WorkflowStreamEntrySchema>;
export const ListWorkflowStreamsResponseSchema = z.array(WorkflowStreamEntrySchema);
export type ListWorkflowStreamsResponse = z.infer<typeof ListWorkflowStreamsResponseSchema>;

/** `GET .../workflows/{workflowId}/export?exportChildren=`. */
export const ExportWorkflowQuerySchema = z.strictObject({
  exportChildren: queryBoolean(false).describe('Also export every descendant workflow.'),
});
export type ExportWorkflowQuery = z.infer<typeof ExportWorkflowQuerySchema>;

export const ExportWorkflowResponseSchema = z.object({
  serializedWorkflow: z
    .string()
    .describe(
      "Opaque: base64 of gzip, JSON inside for TypeScript, Go and Java, a pickle for Python. It imports only into executors of the exporting executor's language.",
    ),
});
export type ExportWorkflowResponse = z.infer<typeof ExportWorkflowResponseSchema>;

/** `POST .../workflows/import`: an export of this or another application. */
export const ImportWorkflowRequestSchema = z.strictObject({
  serializedWorkflow: z.string().min(1).describe('As `GET .../export` returned it.'),
});
export type ImportWorkflowRequest = z.infer<typeof ImportWorkflowRequestSchema>;

export const ImportWorkflowResponseSchema = z.object({
  workflowIds: z
    .array(z.string())
    .nullable()
    .describe(
      'The imported workflows, the exported one first; null when the export is opaque (Python).',
    ),
});
export type ImportWorkflowResponse = z.infer<typeof ImportWorkflowResponseSchema>;
