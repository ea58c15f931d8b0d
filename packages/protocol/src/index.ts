/**
 * @podium/protocol: the one source of truth for wire and REST shapes. Depends on zod only and
 * runs in Node, browsers and customer apps. Every public name is listed here, by group.
 */

// ── Executor protocol (DBOS-compatible WebSocket messages) ───────────────────────────────────
export {
  UNKNOWN_MESSAGE_TYPE_ERROR,
  EXECUTOR_BUSY_ERROR,
  isExecutorBusyError,
  SCHEDULE_STATUSES,
  KNOWN_EXECUTOR_LANGUAGES,
  ExecutorLanguageSchema,
  StringOrListSchema,
  WireTimestampSchema,
  EpochMsStringSchema,
  DisplayStringSchema,
  WIRE_TIMESTAMP_PATTERN,
  toWireTimestamp,
  type ScheduleStatus,
  type KnownExecutorLanguage,
  type StringOrList,
} from './executor/common';
export {
  WorkflowsOutputSchema,
  WorkflowStepsSchema,
  QueueOutputSchema,
  ScheduleOutputSchema,
  ApplicationVersionOutputSchema,
  MetricDataSchema,
  AggregateGroupSchema,
  WorkflowAggregateOutputSchema,
  StepAggregateOutputSchema,
  WorkflowEventSchema,
  WorkflowNotificationSchema,
  WorkflowStreamSchema,
  type WorkflowsOutput,
  type WorkflowSteps,
  type QueueOutput,
  type ScheduleOutput,
  type ApplicationVersionOutput,
  type MetricData,
  type WorkflowAggregateOutput,
  type StepAggregateOutput,
  type WorkflowEvent,
  type WorkflowNotification,
  type WorkflowStream,
} from './executor/records';
export {
  ListWorkflowsBodySchema,
  ListQueuedWorkflowsBodySchema,
  ForkWorkflowBodySchema,
  ForkFromFailureBodySchema,
  countForkFromFailureSelectors,
  RewindWorkflowBodySchema,
  RetentionBodySchema,
  ListSchedulesBodySchema,
  ListQueuesBodySchema,
  type ListWorkflowsBody,
  type ListQueuedWorkflowsBody,
  type ForkWorkflowBody,
  type ForkFromFailureBody,
  type RewindWorkflowBody,
  type RetentionBody,
  type ListSchedulesBody,
  type ListQueuesBody,
} from './executor/bodies';
export {
  GetWorkflowAggregatesBodySchema,
  GetStepAggregatesBodySchema,
  type GetWorkflowAggregatesBody,
  type GetStepAggregatesBody,
} from './executor/aggregate-bodies';
export {
  ExecutorMessages,
  MESSAGE_TYPES,
  isMessageType,
  type ExecutorMessageCatalog,
  type MessageType,
  type RequestOf,
  type ResponseOf,
  type RequestFieldsOf,
  type ResponseBodyOf,
  type ExecutorRequest,
  type ExecutorResponse,
  type ExecutorRequestHandlers,
  type PartialExecutorRequestHandlers,
  type ExecutorResponseHandlers,
} from './executor/catalog';
export {
  decodeRequest,
  decodeResponse,
  type WireFrame,
  type DecodeResult,
  type DecodeFailure,
  type DecodeFailureReason,
} from './executor/decode';
export {
  encodeRequest,
  encodeResponse,
  encodeErrorResponse,
  ProtocolEncodeError,
  BODY_MESSAGE_TYPES,
  type EncodedRequest,
} from './executor/encode';
export { CRON_SHORTHANDS } from './executor/cron-shorthands';
export {
  EXECUTOR_IDENTITY_MAX_CHARS,
  EXECUTOR_METADATA_MAX_CHARS,
  executorMetadataChars,
} from './executor/executor-messages';
export { toWireIssues, type WireIssue } from './executor/issues';
export {
  WorkflowExportSchema,
  ExportedWorkflowSchema,
  ExportedWorkflowStatusSchema,
  ExportedOperationOutputSchema,
  ExportedWorkflowEventSchema,
  ExportedWorkflowEventHistorySchema,
  ExportedStreamEntrySchema,
  ExportedNotificationSchema,
  type WorkflowExport,
  type ExportedWorkflow,
  type DecodedWorkflowExport,
  type DecodedExportedWorkflow,
} from './executor/workflow-export';

// ── REST shapes, errors, workflow statuses, endpoint defaults (also `@podium/protocol/rest`) ──
export * from './rest-api';
