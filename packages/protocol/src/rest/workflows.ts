import { z } from 'zod';
import { WorkflowStatusSchema } from '../executor/common';
import {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  MAX_WORKFLOW_PAGE_LIMIT,
  PaginationQuerySchema,
  limitPagesWithPayloads,
  listResponse,
  paginated,
} from './pagination';
import { IsoTimestampSchema, RestTimestampSchema, queryBoolean, queryList } from './query-params';

/**
 * Workflows over HTTP: `/v2/orgs/{org}/apps/{app}/workflows...` (DBOS Conductor v2 layout,
 * camelCase). Everything here is read live from a connected executor, except that with none
 * connected the list and one workflow come from the last-known index (marked `lastKnown`).
 * `input`, `output`, `error` and step outputs are the executor's display strings (not JSON).
 */

const text = z.string().nullable();
const time = IsoTimestampSchema.nullable();

/** A status as reported; known ones are in `WORKFLOW_STATUSES`, newer SDKs may add more. */
export const ReportedWorkflowStatusSchema = z.union([WorkflowStatusSchema, z.string()]);

/** One workflow, as an executor reported it. Absent values are `null`. */
export const WorkflowSchema = z.object({
  workflowId: z.string(),
  status: ReportedWorkflowStatusSchema.nullable(),
  workflowName: text,
  workflowClass: text,
  workflowConfig: text,
  applicationName: text,
  appVersion: text,
  executorId: text,
  queueName: text,
  queuePartitionKey: text,
  deduplicationId: text,
  priority: z.number().int().nullable(),
  user: text.describe('The authenticated user.'),
  assumedRole: text,
  roles: text.describe(
    'The authenticated roles as the executor sent them: JSON text (`["a","b"]`) from TypeScript, `[\'a\', \'b\']` from Python.',
  ),
  input: text.describe(
    'Display string of the inputs (Node `util.inspect`, Python `str()`); never JSON-parse it.',
  ),
  output: text.describe('Display string of the result.'),
  error: text.describe(
    'Display string of the error (TS sends serialised-error JSON, Python plain text).',
  ),
  createdAt: time,
  updatedAt: time,
  dequeuedAt: time,
  completedAt: time,
  delayUntil: time,
  deadline: time,
  timeoutMs: z.number().nullable(),
  parentWorkflowId: text,
  forkedFrom: text,
  wasForkedFrom: z.boolean().nullable(),
  scheduleName: text,
  attributes: text.describe('Custom attributes as the executor sent them (JSON text).'),
});
export type Workflow = z.infer<typeof WorkflowSchema>;

/** One step of a workflow. `stepId` uses the executor's numbering (0-based TS/Go/Java, 1-based Python). */
export const WorkflowStepSchema = z.object({
  stepId: z.number().int(),
  stepName: z.string(),
  output: text,
  error: text,
  childWorkflowId: text,
  startedAt: time,
  completedAt: time,
});
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

const nameList = queryList(z.string().min(1));

/**
 * `GET .../workflows`: the common filters. Newest first unless `sortDesc=false`. Unknown
 * parameters are refused, so a typo cannot silently widen a listing.
 */
export const ListWorkflowsQuerySchema = z
  .strictObject({
    status: queryList(WorkflowStatusSchema),
    workflowName: nameList,
    workflowIdPrefix: z.string().min(1).optional(),
    queueName: nameList,
    executorId: nameList,
    appVersion: nameList,
    startTime: RestTimestampSchema.optional().describe('Created at or after.'),
    endTime: RestTimestampSchema.optional().describe('Created at or before.'),
    ...PaginationQuerySchema.shape,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_WORKFLOW_PAGE_LIMIT)
      .default(DEFAULT_PAGE_LIMIT)
      .describe('Most items to return.'),
    sortDesc: queryBoolean(true),
    loadInput: queryBoolean(false),
    loadOutput: queryBoolean(false),
  })
  .superRefine(limitPagesWithPayloads);
export type ListWorkflowsQuery = z.infer<typeof ListWorkflowsQuerySchema>;

const values = z.array(z.string().min(1)).max(MAX_PAGE_LIMIT);

/** The time filters of `POST .../workflows/search` and `.../workflows/aggregates`. */
export const WORKFLOW_TIME_FILTERS = {
  startTime: RestTimestampSchema.optional().describe('Created at or after.'),
  endTime: RestTimestampSchema.optional().describe('Created at or before.'),
  completedAfter: RestTimestampSchema.optional(),
  completedBefore: RestTimestampSchema.optional(),
  dequeuedAfter: RestTimestampSchema.optional(),
  dequeuedBefore: RestTimestampSchema.optional(),
};

/**
 * `POST .../workflows/search`: the full filter set. List filters match any of their values; an
 * empty list or null (DBOS Conductor's lists are nullable) is the same as leaving the filter out.
 * Unknown keys are refused, so a typo cannot silently widen a search.
 */
export const SearchWorkflowsRequestSchema = z
  .strictObject({
    status: z.array(WorkflowStatusSchema).nullish(),
    workflowName: values.nullish(),
    workflowIds: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_PAGE_LIMIT)
      .nullish()
      .describe('Exact ids (at least one when given).'),
    workflowIdPrefix: values.nullish(),
    queueName: values.nullish(),
    scheduleName: values.nullish(),
    user: values.nullish().describe('Authenticated user.'),
    executorId: values.nullish(),
    appVersion: values.nullish(),
    parentWorkflowId: values.nullish(),
    forkedFrom: values.nullish(),
    ...WORKFLOW_TIME_FILTERS,
    hasParent: z.boolean().optional(),
    wasForkedFrom: z.boolean().optional(),
    queuesOnly: z
      .boolean()
      .optional()
      .describe('Only queued, active workflows (on a queue and ENQUEUED, PENDING or DELAYED).'),
    attributes: z.record(z.string(), z.unknown()).optional(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_WORKFLOW_PAGE_LIMIT)
      .optional()
      .describe(
        'Most workflows to return. Absent: every match (as DBOS Conductor answers), read from ' +
          'the executor in pages, up to a ceiling (PODIUM_WORKFLOW_SEARCH_MAX_RESULTS, 10,000 ' +
          'by default); more matches than that is a 422 TOO_MANY_RESULTS problem.',
      ),
    offset: z.number().int().min(0).default(0),
    sortDesc: z.boolean().default(true).describe('Newest first (default true).'),
    loadInput: z.boolean().default(false),
    loadOutput: z.boolean().default(false),
  })
  .superRefine(limitPagesWithPayloads);
export type SearchWorkflowsRequest = z.infer<typeof SearchWorkflowsRequestSchema>;

/** Why an answer came from the last-known index rather than from a live executor. */
export const LAST_KNOWN_REASONS = ['no executor connected'] as const;

/**
 * Set on an answer served from the control plane's last-known index: workflow metadata (no
 * inputs, outputs or steps; errors shortened) kept from executors' earlier answers.
 */
export const LastKnownSchema = z.object({
  at: IsoTimestampSchema.describe(
    'When an executor last reported this data (to the minute: a report that changes nothing moves it at most once a minute).',
  ),
  reason: z.enum(LAST_KNOWN_REASONS),
});
export type LastKnown = z.infer<typeof LastKnownSchema>;

const lastKnown = LastKnownSchema.optional().describe(
  'Present when no executor answered and this is the last-known data (metadata only).',
);

/**
 * A page of workflows as the service produces it; `nextOffset` is set when the page is full
 * (another may follow). Served from the last-known index (`lastKnown` set) when no executor is
 * connected; over HTTP `lastKnown` is the `X-Podium-Last-Known-*` headers (`LIST_HEADERS`).
 */
export const WorkflowsPageSchema = paginated(WorkflowSchema).extend({ lastKnown });
export type WorkflowsPage = z.infer<typeof WorkflowsPageSchema>;

/** `GET .../workflows` and `POST .../workflows/search`: a bare array, the page in headers. */
export const ListWorkflowsResponseSchema = listResponse(WorkflowSchema);
export type ListWorkflowsResponse = z.infer<typeof ListWorkflowsResponseSchema>;
export const SearchWorkflowsResponseSchema = ListWorkflowsResponseSchema;
export type SearchWorkflowsResponse = ListWorkflowsResponse;

/** `GET .../workflows/{workflowId}`: input and output are loaded unless turned off. */
export const GetWorkflowQuerySchema = z.strictObject({
  loadInput: queryBoolean(true),
  loadOutput: queryBoolean(true),
});
export type GetWorkflowQuery = z.infer<typeof GetWorkflowQuerySchema>;
export const GetWorkflowResponseSchema = WorkflowSchema.extend({ lastKnown });
export type GetWorkflowResponse = z.infer<typeof GetWorkflowResponseSchema>;

/** `GET .../workflows/{workflowId}/steps`. */
export const ListWorkflowStepsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(MAX_PAGE_LIMIT),
  offset: z.coerce.number().int().min(0).default(0),
  loadOutput: queryBoolean(true),
});
export type ListWorkflowStepsQuery = z.infer<typeof ListWorkflowStepsQuerySchema>;
export const ListWorkflowStepsResponseSchema = listResponse(WorkflowStepSchema);
export type ListWorkflowStepsResponse = z.infer<typeof ListWorkflowStepsResponseSchema>;

/** Path parameters of every route under a workflow. */
export const WorkflowPathSchema = z.object({ workflowId: z.string().min(1).max(1024) });
