import { z } from 'zod';
import { queryBoolean } from './query-params';
import { ReportedWorkflowStatusSchema } from './workflows';

/**
 * Operator actions on workflows: `POST .../workflows/{id}/cancel|resume|fork|restart|rewind`,
 * `DELETE .../workflows/{id}` and the `POST .../workflows/bulk-*` variants. Each is carried
 * out by one connected executor and recorded in the audit log.
 *
 * An executor answering "success" does not prove anything changed (cancelling a finished
 * workflow is a no-op), so every result carries the workflow's status as read back afterwards.
 */

/** Most workflow ids one bulk request may name. */
export const MAX_BULK_WORKFLOWS = 1000;

const optionalName = z.string().min(1).max(256).optional();

/** What happened to one workflow. `status` is read back after the action; null once deleted. */
export const WorkflowActionResultSchema = z.object({
  workflowId: z.string(),
  outcome: z
    .enum(['SUCCESS', 'NOT_FOUND', 'ALREADY_FINISHED'])
    .describe(
      '`NOT_FOUND`: no such workflow, so nothing was sent for it (bulk only; single actions 404). ' +
        '`ALREADY_FINISHED` (cancel, resume): it had finished, as `status` says, before the cancel ' +
        'could take effect: nothing was cancelled; or it was SUCCESS or ERROR, which a resume ' +
        'leaves alone: nothing was resumed.',
    ),
  status: ReportedWorkflowStatusSchema.nullable(),
});
export type WorkflowActionResult = z.infer<typeof WorkflowActionResultSchema>;

/** `POST .../workflows/{id}/cancel`. */
export const CancelWorkflowRequestSchema = z.strictObject({
  cancelChildren: z
    .boolean()
    .default(false)
    .describe(
      'Also cancel every descendant (DBOS TS 4.20 / Py 2.24 on: with only older executors ' +
        'holding the workflow, 501 EXECUTOR_UNSUPPORTED).',
    ),
});
export type CancelWorkflowRequest = z.infer<typeof CancelWorkflowRequestSchema>;
export const CancelWorkflowResponseSchema = WorkflowActionResultSchema;

/** `POST .../workflows/{id}/resume`: continues from the last completed step. */
export const ResumeWorkflowRequestSchema = z.strictObject({
  queueName: optionalName.describe('Resume onto this queue instead of running at once.'),
});
export type ResumeWorkflowRequest = z.infer<typeof ResumeWorkflowRequestSchema>;
export const ResumeWorkflowResponseSchema = WorkflowActionResultSchema;

/** `POST .../workflows/{id}/fork` (201): a new workflow that re-runs from `startStep`. */
export const ForkWorkflowRequestSchema = z.strictObject({
  startStep: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe(
      "The step to re-run from, in the executor's numbering (see a step's `stepId`); 0 (the start) when absent, as DBOS Conductor.",
    ),
  newWorkflowId: optionalName.describe(
    "The new workflow's id; the executor picks a UUID when absent.",
  ),
  appVersion: optionalName.describe('Run the fork on this application version.'),
  queueName: optionalName.describe('Enqueue the fork on this queue.'),
  queuePartitionKey: optionalName,
});
export type ForkWorkflowRequest = z.infer<typeof ForkWorkflowRequestSchema>;
export const ForkWorkflowResponseSchema = z.object({
  workflowId: z.string().describe("The new workflow (DBOS Conductor's one field)."),
  forkedFrom: z.string().describe('The forked (original) workflow.'),
  newWorkflowId: z.string().describe('The new workflow again, named as restart names it.'),
  status: ReportedWorkflowStatusSchema.nullable().describe(
    "The new workflow's status as read back.",
  ),
});
export type ForkWorkflowResponse = z.infer<typeof ForkWorkflowResponseSchema>;

/**
 * `POST .../workflows/{id}/restart` (Podium): a new workflow that runs this one again from the
 * start. Only executors whose SDK still has DBOS's `restart` are sent it.
 */
export const RestartWorkflowRequestSchema = z.strictObject({});
export type RestartWorkflowRequest = z.infer<typeof RestartWorkflowRequestSchema>;
export const RestartWorkflowResponseSchema = z.object({
  workflowId: z.string().describe('The restarted (original) workflow.'),
  newWorkflowId: z
    .string()
    .nullable()
    .describe('The new workflow, when the executor reports it (DBOS executors do not).'),
  status: ReportedWorkflowStatusSchema.nullable().describe(
    "The new workflow's status as read back; null when its id is unknown.",
  ),
});
export type RestartWorkflowResponse = z.infer<typeof RestartWorkflowResponseSchema>;

/**
 * `POST .../workflows/{id}/rewind` (Podium): re-runs a finished workflow in place (same id) from
 * `startStep`. Only DBOS TypeScript ≥ 5.1 and Podium SDK executors know it.
 */
export const RewindWorkflowRequestSchema = z.strictObject({
  startStep: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("The step to re-run from, in the executor's numbering; 0 (the start) when absent."),
  appVersion: optionalName.describe('Run it again on this application version.'),
  queueName: optionalName.describe('Enqueue it on this queue.'),
  queuePartitionKey: optionalName,
});
export type RewindWorkflowRequest = z.infer<typeof RewindWorkflowRequestSchema>;
export const RewindWorkflowResponseSchema = WorkflowActionResultSchema;

/** `DELETE .../workflows/{id}?deleteChildren=`. */
export const DeleteWorkflowQuerySchema = z.strictObject({ deleteChildren: queryBoolean(false) });
export type DeleteWorkflowQuery = z.infer<typeof DeleteWorkflowQuerySchema>;
export const DeleteWorkflowResponseSchema = WorkflowActionResultSchema;

/** The ids of a bulk action; duplicates are dropped, order is kept. */
export const BulkWorkflowIdsSchema = z
  .array(z.string().min(1).max(1024))
  .min(1)
  .max(MAX_BULK_WORKFLOWS)
  .transform((ids) => [...new Set(ids)]);

export const BulkCancelWorkflowsRequestSchema = z.strictObject({
  workflowIds: BulkWorkflowIdsSchema,
  cancelChildren: z.boolean().default(false),
});
export type BulkCancelWorkflowsRequest = z.infer<typeof BulkCancelWorkflowsRequestSchema>;

export const BulkResumeWorkflowsRequestSchema = z.strictObject({
  workflowIds: BulkWorkflowIdsSchema,
  queueName: optionalName,
});
export type BulkResumeWorkflowsRequest = z.infer<typeof BulkResumeWorkflowsRequestSchema>;

export const BulkDeleteWorkflowsRequestSchema = z.strictObject({
  workflowIds: BulkWorkflowIdsSchema,
  deleteChildren: z.boolean().default(false),
});
export type BulkDeleteWorkflowsRequest = z.infer<typeof BulkDeleteWorkflowsRequestSchema>;

/**
 * `POST .../workflows/bulk-fork-from-failure`: forks each workflow from its last failed step
 * (or its last step when none failed): `fromLastFailure`, also what happens when no selector is
 * given. At most one of `fromLastFailure`, `fromStep`, `fromStepName`, `fromLastStep`.
 */
export const BulkForkFromFailureRequestSchema = z
  .strictObject({
    workflowIds: BulkWorkflowIdsSchema,
    fromLastFailure: z.boolean().optional(),
    fromStep: z.number().int().min(0).optional(),
    fromStepName: z.string().min(1).optional(),
    fromLastStep: z.boolean().optional(),
    appVersion: optionalName,
    queueName: optionalName,
    queuePartitionKey: optionalName,
  })
  .refine(
    (body) =>
      [
        body.fromLastFailure === true,
        body.fromStep !== undefined,
        body.fromStepName !== undefined,
        body.fromLastStep === true,
      ].filter(Boolean).length <= 1,
    {
      message: 'give at most one of fromLastFailure, fromStep, fromStepName, fromLastStep',
      path: ['fromStep'],
    },
  );
export type BulkForkFromFailureRequest = z.infer<typeof BulkForkFromFailureRequestSchema>;

/** Per-id results of a bulk action, in request order. */
export const BulkWorkflowsResponseSchema = z.object({
  results: z.array(WorkflowActionResultSchema),
});
export type BulkWorkflowsResponse = z.infer<typeof BulkWorkflowsResponseSchema>;

export const BulkForkFromFailureResponseSchema = z.object({
  workflowIds: z
    .array(z.string())
    .describe("The forks' ids, in request order (DBOS's answer); `results` has them per workflow."),
  results: z.array(
    WorkflowActionResultSchema.extend({
      newWorkflowId: z
        .string()
        .nullable()
        .describe("The fork's id, when the executor reported one for this workflow."),
    }),
  ),
});
export type BulkForkFromFailureResponse = z.infer<typeof BulkForkFromFailureResponseSchema>;
