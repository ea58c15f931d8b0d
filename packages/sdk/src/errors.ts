/**
 * Typed SDK errors. Every error carries a stable `code`; `instanceof` checks work across
 * duplicate installs of the SDK because `Symbol.hasInstance` looks for a global brand
 * (`Symbol.for`) and the code rather than for this module's class identity.
 */

const BRAND = Symbol.for('@podium/sdk.error');

/** Stable codes of every error the SDK throws. */
export type PodiumErrorCode =
  | 'CONFIGURATION'
  | 'NOT_LAUNCHED'
  | 'ALREADY_LAUNCHED'
  | 'WORKFLOW_NOT_REGISTERED'
  | 'WORKFLOW_ALREADY_REGISTERED'
  | 'WORKFLOW_NOT_FOUND'
  | 'WORKFLOW_CONFLICT'
  | 'QUEUE_DEDUPLICATED'
  | 'WORKFLOW_CANCELLED'
  | 'MAX_RECOVERY_ATTEMPTS_EXCEEDED'
  | 'INVALID_OPERATION'
  | 'UNEXPECTED_STEP'
  | 'RESULT_TIMEOUT'
  | 'STREAM_TIMEOUT'
  | 'IMPORT_REFUSED'
  | 'SCHEDULE_NOT_FOUND';

function hasBrand(value: unknown): value is PodiumError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}

/** Base class of every SDK error. Match on `code`, or use `instanceof` on a subclass. */
export class PodiumError extends Error {
  readonly code: PodiumErrorCode;

  constructor(code: PodiumErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!hasBrand(value)) return false;
    const expected = (this as { expectedCode?: PodiumErrorCode }).expectedCode;
    return expected === undefined || value.code === expected;
  }
}

/** Options given to `new Podium(...)` are invalid. `issues` lists every problem found. */
export class ConfigurationError extends PodiumError {
  static readonly expectedCode = 'CONFIGURATION';
  readonly issues: readonly string[];
  constructor(issues: readonly string[], options?: { cause?: unknown }) {
    super('CONFIGURATION', `Invalid Podium options: ${issues.join('; ')}`, options);
    this.issues = issues;
  }
}

/**
 * An operation needs `launch()` to have completed first, or came once `shutdown()` had begun:
 * a start is then refused before anything is recorded, and `getResult()` stops waiting for a
 * workflow this process no longer runs (it stays recorded, and is recovered later).
 */
export class NotLaunchedError extends PodiumError {
  static readonly expectedCode = 'NOT_LAUNCHED';
  constructor(operation: string, detail?: string) {
    const why = detail === undefined ? '' : ` (${detail})`;
    super('NOT_LAUNCHED', `${operation} requires a launched Podium instance${why}`);
  }
}

/** `launch()` was called twice, or a workflow was registered after launch. */
export class AlreadyLaunchedError extends PodiumError {
  static readonly expectedCode = 'ALREADY_LAUNCHED';
  constructor(operation: string) {
    super('ALREADY_LAUNCHED', `${operation} is not allowed after launch()`);
  }
}

/** A workflow name is not registered in this process. */
export class WorkflowNotRegisteredError extends PodiumError {
  static readonly expectedCode = 'WORKFLOW_NOT_REGISTERED';
  constructor(readonly workflowName: string) {
    super('WORKFLOW_NOT_REGISTERED', `Workflow "${workflowName}" is not registered`);
  }
}

/** A workflow name was registered twice. */
export class WorkflowAlreadyRegisteredError extends PodiumError {
  static readonly expectedCode = 'WORKFLOW_ALREADY_REGISTERED';
  constructor(readonly workflowName: string) {
    super('WORKFLOW_ALREADY_REGISTERED', `Workflow "${workflowName}" is already registered`);
  }
}

/** No workflow with this id exists. */
export class WorkflowNotFoundError extends PodiumError {
  static readonly expectedCode = 'WORKFLOW_NOT_FOUND';
  constructor(readonly workflowId: string) {
    super('WORKFLOW_NOT_FOUND', `Workflow "${workflowId}" does not exist`);
  }
}

/** A start reused a workflow id that belongs to a different workflow function. */
export class WorkflowConflictError extends PodiumError {
  static readonly expectedCode = 'WORKFLOW_CONFLICT';
  constructor(
    readonly workflowId: string,
    message: string,
  ) {
    super('WORKFLOW_CONFLICT', message);
  }
}

/**
 * A start on a queue carried a deduplication id that an unfinished workflow of that queue
 * already holds (DBOS's `DBOSQueueDuplicatedError`). Nothing was recorded; the id is free again
 * once `existingWorkflowId` finishes or is cancelled.
 */
export class QueueDeduplicatedError extends PodiumError {
  static readonly expectedCode = 'QUEUE_DEDUPLICATED';
  constructor(
    readonly workflowId: string,
    readonly queueName: string,
    readonly deduplicationId: string,
    /** The workflow holding the id (null if it finished between the refusal and the lookup). */
    readonly existingWorkflowId: string | null,
  ) {
    const holder = existingWorkflowId === null ? '' : ` ("${existingWorkflowId}")`;
    super(
      'QUEUE_DEDUPLICATED',
      `Workflow "${workflowId}" was not enqueued: an unfinished workflow${holder} on queue ` +
        `"${queueName}" already has deduplication id "${deduplicationId}"`,
    );
  }
}

/** The workflow was cancelled; thrown by `getResult()` and inside the cancelled workflow. */
export class WorkflowCancelledError extends PodiumError {
  static readonly expectedCode = 'WORKFLOW_CANCELLED';
  constructor(readonly workflowId: string) {
    super('WORKFLOW_CANCELLED', `Workflow "${workflowId}" was cancelled`);
  }
}

/** Recovery gave up on the workflow after `maxRecoveryAttempts` attempts. */
export class MaxRecoveryAttemptsExceededError extends PodiumError {
  static readonly expectedCode = 'MAX_RECOVERY_ATTEMPTS_EXCEEDED';
  constructor(readonly workflowId: string) {
    super(
      'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
      `Workflow "${workflowId}" exceeded its maximum number of recovery attempts`,
    );
  }
}

/** The operation is not valid for the workflow's current state or the given arguments. */
export class InvalidOperationError extends PodiumError {
  static readonly expectedCode = 'INVALID_OPERATION';
  constructor(message: string) {
    super('INVALID_OPERATION', message);
  }
}

/** `getResult({ timeoutMs })` elapsed before the workflow finished. */
export class ResultTimeoutError extends PodiumError {
  static readonly expectedCode = 'RESULT_TIMEOUT';
  constructor(readonly workflowId: string) {
    super('RESULT_TIMEOUT', `Timed out waiting for the result of workflow "${workflowId}"`);
  }
}

/**
 * On re-execution, the workflow called a different step at a recorded position than the run
 * that wrote the checkpoint: the workflow code is not deterministic (or changed).
 */
export class UnexpectedStepError extends PodiumError {
  static readonly expectedCode = 'UNEXPECTED_STEP';
  constructor(
    readonly workflowId: string,
    readonly functionId: number,
    expected: string,
    actual: string,
  ) {
    super(
      'UNEXPECTED_STEP',
      `Workflow "${workflowId}" step ${functionId} was recorded as "${expected}" but is now "${actual}"`,
    );
  }
}

/** `readStream({ timeoutMs })`: no value arrived within the timeout (counted per value). */
export class StreamTimeoutError extends PodiumError {
  static readonly expectedCode = 'STREAM_TIMEOUT';
  constructor(
    readonly workflowId: string,
    readonly key: string,
    timeoutMs: number,
  ) {
    super(
      'STREAM_TIMEOUT',
      `No value on stream "${key}" of workflow "${workflowId}" within ${timeoutMs} ms`,
    );
  }
}

/**
 * `importWorkflow` refused a document: not an export of this SDK (another SDK's, or not an
 * export at all), or malformed. Nothing was imported. An id that exists already is a
 * `WorkflowConflictError` instead.
 */
export class ImportRefusedError extends PodiumError {
  static readonly expectedCode = 'IMPORT_REFUSED';
  constructor(message: string, options?: { cause?: unknown }) {
    super('IMPORT_REFUSED', `Cannot import: ${message}`, options);
  }
}

/** No schedule of this application has this name. */
export class ScheduleNotFoundError extends PodiumError {
  static readonly expectedCode = 'SCHEDULE_NOT_FOUND';
  constructor(readonly scheduleName: string) {
    super('SCHEDULE_NOT_FOUND', `Schedule "${scheduleName}" does not exist`);
  }
}
