/** Helpers of the schedule suites: a recording scheduled workflow, and reading its runs. */
import type { Podium, WorkflowStatus } from '../../src';
import type { RunLog } from './util';

export interface TickContext {
  label: string;
}

/**
 * Registers `tick`: its one step counts `<label>@<tick ISO>` in `log` (so every execution of a
 * tick is seen, whatever Podium ran it) and it returns the same string.
 */
export function defineTick(podium: Podium, log: RunLog) {
  return podium.workflow('tick', async (ctx, scheduledAt: Date, context: TickContext) => {
    const key = `${context.label}@${scheduledAt.toISOString()}`;
    await ctx.step('record', () => log.hit(key));
    return key;
  });
}

/** The tick instant a scheduled run's id names (`sched-<name>-<ISO>`). */
export function tickOf(workflowId: string, scheduleName: string): number {
  return Date.parse(workflowId.slice(`sched-${scheduleName}-`.length));
}

/** The runs a schedule's ticks started (not triggers), oldest tick first. */
export async function runsOf(podium: Podium, scheduleName: string): Promise<WorkflowStatus[]> {
  const runs = await podium.listWorkflows({ scheduleName, loadOutput: false });
  return runs
    .filter((run) => !run.workflowId.startsWith(`sched-${scheduleName}-trigger-`))
    .sort((a, b) => tickOf(a.workflowId, scheduleName) - tickOf(b.workflowId, scheduleName));
}

/** Whether every pair of neighbours is `stepMs` apart. */
export const contiguous = (ticks: number[], stepMs: number): boolean =>
  ticks.every((tick, i) => i === 0 || tick - (ticks[i - 1] as number) === stepMs);
