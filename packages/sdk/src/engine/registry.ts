/**
 * Registered workflow functions by name, queues, schedules and the alert handler. Frozen at
 * launch (the version hash covers the workflows).
 */
import {
  AlreadyLaunchedError,
  InvalidOperationError,
  WorkflowAlreadyRegisteredError,
} from '../errors';
import { isPartitioned, type QueueOptions } from '../types';
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
    const { rateLimit, partitionRateLimit } = options;
    this.queueLimits.set(name, {
      ...options,
      ...(rateLimit && { rateLimit: { ...rateLimit } }),
      ...(partitionRateLimit && { partitionRateLimit: { ...partitionRateLimit } }),
    });
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

  /**
   * Throws `InvalidOperationError` unless a workflow may be placed on `queueName` with
   * `partitionKey`: no key without a queue, a key on a partitioned queue and only there.
   */
  assertPlacement(queueName: string | undefined, partitionKey: string | undefined): void {
    this.assertQueue(queueName);
    if (queueName === undefined) {
      if (partitionKey !== undefined) {
        throw new InvalidOperationError('queuePartitionKey needs a queueName');
      }
      return;
    }
    const partitioned = isPartitioned(this.queueLimits.get(queueName) ?? {});
    if (partitioned && partitionKey === undefined) {
      throw new InvalidOperationError(
        `Queue "${queueName}" is partitioned: give a queuePartitionKey`,
      );
    }
    if (!partitioned && partitionKey !== undefined) {
      throw new InvalidOperationError(
        `Queue "${queueName}" is not partitioned (it has no partition limits): drop queuePartitionKey`,
      );
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

function rateLimitIssues(name: string, rateLimit: QueueOptions['rateLimit']): string[] {
  if (rateLimit === undefined) return [];
  if (typeof rateLimit !== 'object' || rateLimit === null) {
    return [`${name} must be an object { limitPerPeriod, periodSec }`];
  }
  const issues: string[] = [];
  if (!isPositiveInt(rateLimit.limitPerPeriod)) {
    issues.push(`${name}.limitPerPeriod must be a positive integer`);
  }
  const { periodSec } = rateLimit;
  if (!(typeof periodSec === 'number' && Number.isFinite(periodSec) && periodSec >= 0.001)) {
    issues.push(`${name}.periodSec must be a number of seconds, at least 0.001`);
  }
  return issues;
}

function queueOptionIssues(options: QueueOptions): string[] {
  const issues: string[] = [];
  const counts = [
    'concurrency',
    'workerConcurrency',
    'partitionConcurrency',
    'partitionWorkerConcurrency',
  ] as const;
  for (const name of counts) {
    if (options[name] !== undefined && !isPositiveInt(options[name])) {
      issues.push(`${name} must be a positive integer`);
    }
  }
  issues.push(...rateLimitIssues('rateLimit', options.rateLimit));
  issues.push(...rateLimitIssues('partitionRateLimit', options.partitionRateLimit));
  return issues;
}
