/** The public surface of `@podium/sdk`. Everything not exported here is internal. */
export { Podium } from './podium';
export { SDK_VERSION, SDK_VERSION_STRING } from './version';
export type { PodiumOptions, PGliteInstance } from './options';
export type { RequestLimits as ConductorRequestLimits } from './agent/dispatch';
export type { Logger } from './logger';
export type { WorkflowContext } from './engine/context';
export type { WorkflowHandle } from './engine/handle';
export type { Workflow } from './engine/workflow';
export type { WorkflowFunction } from './engine/registry';
export type { PodiumSchedules } from './podium-schedules';
export type { PodiumVersions } from './podium-versions';
export type {
  ScheduledWorkflow,
  ScheduleOptions,
  ScheduleStatus,
  WorkflowSchedule,
  ListSchedulesFilter,
} from './engine/schedules/schedule-types';
export type { ApplicationVersion } from './engine/versions';
export type { Alert, AlertHandler } from './engine/alerts';
export {
  WORKFLOW_STATUSES,
  TERMINAL_STATUSES,
  type WorkflowStatusType,
  type WorkflowStatus,
  type StepInfo,
  type ListWorkflowsFilter,
  type ListStepsOptions,
  type StartOptions,
  type DelayOptions,
  type QueueOptions,
  type QueueRateLimit,
  type StepOptions,
  type ForkOptions,
  type CancelOptions,
  type ResumeOptions,
  type ReadStreamOptions,
  type RewindOptions,
  type ExportOptions,
  type SerializedError,
} from './types';
export {
  PodiumError,
  type PodiumErrorCode,
  ConfigurationError,
  NotLaunchedError,
  AlreadyLaunchedError,
  WorkflowNotRegisteredError,
  WorkflowAlreadyRegisteredError,
  WorkflowNotFoundError,
  WorkflowConflictError,
  QueueDeduplicatedError,
  WorkflowCancelledError,
  MaxRecoveryAttemptsExceededError,
  InvalidOperationError,
  ResultTimeoutError,
  UnexpectedStepError,
  StreamTimeoutError,
  ImportRefusedError,
  ScheduleNotFoundError,
} from './errors';
export type { WorkflowExport } from '@podium/protocol';
