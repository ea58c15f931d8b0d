/** Registered workflow functions, by name. Frozen at launch (the version hash covers them). */
import {
  AlreadyLaunchedError,
  InvalidOperationError,
  WorkflowAlreadyRegisteredError,
} from '../errors';
import type { QueueOptions } from '../types';
import type { WorkflowContext } from './context';

/** A workflow: a plain async function taking a context first, then its own arguments. */
export type WorkflowFunction<A extends unknown[], R> = (
  ctx: WorkflowContext,
  ...args: A
) => Promise<R>;

export type AnyWorkflowFunction = (ctx: WorkflowContext, ...args: unknown[]) => Promise<unknown>;

export class Registry {
  private readonly workflows = new Map<string, AnyWorkflowFunction>();
  private readonly queueLimits = new Map<string, QueueOptions>();
  private frozen = false;

  registerQueue(name: string, options: QueueOptions): void {
    if (this.frozen) throw new AlreadyLaunchedError(`registering queue "${name}"`);
    if (this.queueLimits.has(name)) {
      throw new InvalidOperationError(`Queue "${name}" is already registered`);
    }
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) {
        throw new InvalidOperationError(`Queue "${name}": ${key} must be a positive integer`);
      }
    }
    this.queueLimits.set(name, options);
  }

  /** Registered queues with their limits. */
  queues(): ({ name: string } & QueueOptions)[] {
    return [...this.queueLimits].map(([name, limits]) => ({ name, ...limits }));
  }

  hasQueue(name: string): boolean {
    return this.queueLimits.has(name);
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
