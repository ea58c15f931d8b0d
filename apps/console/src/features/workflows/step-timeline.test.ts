import type { WorkflowStep } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { layoutTimeline, timelineTicks } from './step-timeline';

const t0 = Date.parse('2026-12-04T12:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();

function step(stepId: number, overrides: Partial<WorkflowStep> = {}): WorkflowStep {
  return {
    stepId,
    stepName: `step${stepId}`,
    output: null,
    error: null,
    childWorkflowId: null,
    startedAt: null,
    completedAt: null,
    ...overrides,
  };
}

describe('layoutTimeline', () => {
  it('places each step on one axis from the first start to the last end', () => {
    const { startMs, spanMs, bars } = layoutTimeline(
      [
        step(0, { startedAt: at(0), completedAt: at(250) }),
        step(1, { startedAt: at(500), completedAt: at(1_000), error: 'Error: boom' }),
      ],
      t0 + 5_000,
    );
    expect({ startMs, spanMs }).toEqual({ startMs: t0, spanMs: 1_000 });
    expect(bars.map((b) => [b.left, b.width, b.durationMs, b.state])).toEqual([
      [0, 25, 250, 'done'],
      [50, 50, 500, 'failed'],
    ]);
  });

  it('draws a running step to now, and a sleep to its wake-up time', () => {
    const { bars, spanMs } = layoutTimeline(
      [
        step(0, { startedAt: at(0), completedAt: at(100) }),
        step(1, {
          stepName: 'podium.sleep',
          output: String(t0 + 4_000),
          startedAt: at(100),
          completedAt: at(100),
        }),
        step(2, { startedAt: at(1_000) }),
      ],
      t0 + 2_000,
    );
    expect(spanMs).toBe(4_000);
    expect(bars.map((b) => [b.state, b.durationMs])).toEqual([
      ['done', 100],
      ['sleeping', 3_900],
      ['running', 1_000],
    ]);
    expect(bars[1]?.wakeUpAt).toBe(at(4_000));
  });

  it('keeps a zero-length step visible and lists steps with no start time apart', () => {
    const untimedStep = step(1);
    const { bars, untimed } = layoutTimeline(
      [step(0, { startedAt: at(0), completedAt: at(0) }), untimedStep],
      t0,
    );
    expect(bars[0]?.width).toBeGreaterThan(0);
    expect(untimed).toEqual([untimedStep]);
  });
});

describe('timelineTicks', () => {
  it('spaces labels evenly, both ends included', () => {
    expect(timelineTicks(1_000)).toEqual([0, 500, 1_000]);
    expect(timelineTicks(1_000, 5)).toEqual([0, 250, 500, 750, 1_000]);
    expect(timelineTicks(0)).toEqual([0]);
  });
});
