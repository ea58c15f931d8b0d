/**
 * Registered workflow functions by name, queues, schedules and the alert handler. Frozen at
 * launch (the version hash covers the workflows).
 */
import {
  AlreadyLaunchedError,
  InvalidOperationError,
  WorkflowAlreadyRegisteredError,
} from '../errors';
import type { QueueOptions } from '../types';
import type { AlertHandler } from './alerts';
import type { WorkflowContext } from './context';
import type { ScheduleRequest } from './schedules/schedule-types';

/** A workflow: a plain async function taking a context first, then its own arguments. */
export type WorkflowFunction<A extends unknown[], R> = (
  ctx: WorkflowContext,
  ...args: A
) => Promise<R>;

export type AnyWorkflowFunction = (ctx: WorkflowContext, ...args: unknown[]) => Promise<unknown>;

export class Registry {
  private readonly workflows = new Map<string, AnyWorkflowFunction>();
  private readonly queueLimits = new Map<string, QueueOptions>();
  private readonly scheduleRequests = new Map<string, ScheduleRequest>();
  private alerts: AlertHandler | undefined;
  private frozen = false;

  /** A schedule applied at launch; `request` is validated by the caller. */
  registerSchedule(request: ScheduleRequest): void {
    const name = request.scheduleName;
    if (this.frozen) throw new AlreadyLaunchedError(`registering schedule "${name}"`);
    if (this.scheduleRequests.has(name)) {
      throw new InvalidOperationError(`Schedule "${name}" is already registered`);
    }
    // A copy: changing the caller's options later must not change what launch applies.
    this.scheduleRequests.set(name, { ...request, options: { ...request.options } });
  }

  schedules(): ScheduleRequest[] {
    return [...this.scheduleRequests.values()];
  }

  setAlertHandler(handler: AlertHandler): void {
    if (this.frozen) throw new AlreadyLaunchedError('registering an alert handler');
    if (this.alerts !== undefined) {
      throw new InvalidOperationError('An alert handler is already registered');
    }
    this.alerts = handler;
  }

  alertHandler(): AlertHandler | undefined {
    return this.alerts;
  }

  registerQueue(name: string, options: QueueOptions): void {
    if (this.frozen) throw new AlreadyLaunchedError(`registering queue "${name}"`);
    if (this.queueLimits.has(name)) {
      throw new InvalidOperationError(`Queue "${name}" is already registered`);
    }
    const issues = queueOptionIssues(options);
    if (issues.length > 0) throw new InvalidOperationError(`Queue "${name}": ${issues.join('; ')}`);
    // A copy: changing the caller's object later must not change the limits in force.
    const { rateLimit } = options;
    this.queueLimits.set(name, { ...options, ...(rateLimit && { rateLimit: { ...rateLimit } }) });
  }

  /** Registered queues with their limits. */
  queues(): ({ name: string } & QueueOptions)[] {
    return [...this.queueLimits].map(([name, limits]) => ({ name, ...limits }));
  }

  hasQueue(name: string): boolean {
    return this.queueLimits.has(name);
  }

  /** Throws `InvalidOperationError` unless `name` is undefined or a registered queue. */
  assertQueue(name: string | undefined): void {
    if (name !== undefined && !this.hasQueue(name)) {
      throw new InvalidOperationError(`Queue "${name}" is not registered`);
    }
  }

  register(name: string, fn: AnyWorkflowFunction): void {
    if (this.frozen) throw new AlreadyLaunchedError(`registering workflow "${name}"`);
    if (this.workflows.has(name)) throw new WorkflowAlreadyRegisteredError(name);
    this.workflows.set(name, fn);
  }

  freeze(): void {
    this.frozen = true;
  }

  get(name: string): AnyWorkflowFunction | undefined {
    return this.workflows.get(name);
  }

  names(): string[] {
    return [...this.workflows.keys()];
  }

  sources(): { name: string; source: string }[] {
    return [...this.workflows].map(([name, fn]) => ({ name, source: fn.toString() }));
  }
}

const isPositiveInt = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

function queueOptionIssues({ concurrency, workerConcurrency, rateLimit }: QueueOptions): string[] {
  const issues: string[] = [];
  if (concurrency !== undefined && !isPositiveInt(concurrency)) {
    issues.push('concurrency must be a positive integer');
  }
  if (workerConcurrency !== undefined && !isPositiveInt(workerConcurrency)) {
    issues.push('workerConcurrency must be a positive integer');
  }
  if (rateLimit !== undefined && (typeof rateLimit !== 'object' || rateLimit === null)) {
    issues.push('rateLimit must be an object { limitPerPeriod, periodSec }');
  } else if (rateLimit !== undefined) {
    if (!isPositiveInt(rateLimit.limitPerPeriod)) {
      issues.push('rateLimit.limitPerPeriod must be a positive integer');
    }
    const { periodSec } = rateLimit;
    if (!(typeof periodSec === 'number' && Number.isFinite(periodSec) && periodSec >= 0.001)) {
      issues.push('rateLimit.periodSec must be a number of seconds, at least 0.001');
    }
  }
  return issues;
}
