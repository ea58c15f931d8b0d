import type { WorkflowStep } from '@podium/protocol/rest';
import { sleepWakeUpAt } from './sleep-steps';

/**
 * Lays a workflow's steps out on one time axis: each timed step a bar from its start to its end
 * (a running step to now; a sleep to its wake-up time), as percentages of the axis. Pure, so
 * the layout is tested without a browser.
 */
export interface TimelineBar {
  step: WorkflowStep;
  /** Left edge and width, in percent of the axis (width at least MIN_WIDTH, to stay visible). */
  left: number;
  width: number;
  durationMs: number;
  state: 'done' | 'failed' | 'running' | 'sleeping';
  /** A sleep step's wake-up time (ISO). */
  wakeUpAt: string | null;
}

export interface Timeline {
  startMs: number;
  spanMs: number;
  bars: TimelineBar[];
  /** Steps with no start time (older executors may not report it): listed, not drawn. */
  untimed: WorkflowStep[];
}

const MIN_WIDTH = 0.6;

export function layoutTimeline(steps: readonly WorkflowStep[], now: number): Timeline {
  const timed = steps.flatMap((step) => {
    const start = step.startedAt ? Date.parse(step.startedAt) : NaN;
    if (Number.isNaN(start)) return [];
    const wakeUpAt = sleepWakeUpAt(step);
    const completed = step.completedAt ? Date.parse(step.completedAt) : NaN;
    const wake = wakeUpAt ? Date.parse(wakeUpAt) : NaN;
    // A sleep lasts until it wakes, whenever its checkpoint was written.
    const end = !Number.isNaN(wake) ? wake : !Number.isNaN(completed) ? completed : now;
    const state: TimelineBar['state'] = step.error
      ? 'failed'
      : wakeUpAt && wake > now
        ? 'sleeping'
        : Number.isNaN(completed) && !wakeUpAt
          ? 'running'
          : 'done';
    return [{ step, start, end: Math.max(start, end), wakeUpAt, state }];
  });
  const untimed = steps.filter((s) => !timed.some((t) => t.step === s));
  if (timed.length === 0) return { startMs: now, spanMs: 0, bars: [], untimed };
  const startMs = Math.min(...timed.map((t) => t.start));
  const spanMs = Math.max(1, Math.max(...timed.map((t) => t.end)) - startMs);
  const bars = timed.map(({ step, start, end, wakeUpAt, state }) => {
    const left = ((start - startMs) / spanMs) * 100;
    const width = Math.max(MIN_WIDTH, ((end - start) / spanMs) * 100);
    return {
      step,
      left: Math.min(left, 100 - MIN_WIDTH),
      width: Math.min(width, 100 - Math.min(left, 100 - MIN_WIDTH)),
      durationMs: end - start,
      state,
      wakeUpAt,
    };
  });
  return { startMs, spanMs, bars, untimed };
}

/** Offsets (ms from the axis start) for `count` evenly spaced tick labels, both ends included. */
export function timelineTicks(spanMs: number, count = 3): number[] {
  if (spanMs <= 0) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((spanMs * i) / (count - 1)));
}
