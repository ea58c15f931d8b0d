import { describe, expect, it } from 'vitest';
import { waitingOn } from './waiting-on';

const now = Date.parse('2026-11-22T12:00:00.000Z');
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();

function step(stepId: number, name: string, extra: Record<string, unknown> = {}) {
  return {
    stepId,
    stepName: name,
    output: null as string | null,
    childWorkflowId: null as string | null,
    startedAt: at(-30),
    ...extra,
  };
}
const sleepUntil = (stepId: number, seconds: number, name = 'DBOS.sleep') =>
  step(stepId, name, { output: String(now + seconds * 1000) });

describe('waitingOn', () => {
  it('reads a durable sleep that has not woken yet, from DBOS and @podium/sdk', () => {
    const steps = [step(0, 'charge'), sleepUntil(1, 300)];
    expect(waitingOn(steps, now)).toEqual({ kind: 'sleep', until: at(300) });
    expect(waitingOn([sleepUntil(0, 60, 'podium.sleep')], now)).toEqual({
      kind: 'sleep',
      until: at(60),
    });
  });

  it('reads Python sleeps (epoch seconds, 1-based steps) as sleeps, not as a recv', () => {
    const python = step(1, 'sleep', { output: String(now / 1000 + 120) });
    expect(waitingOn([python], now, 1)).toEqual({ kind: 'sleep', until: at(120) });
  });

  it('reads a recv/getEvent timeout (a sleep step after a missing step) as waiting for one', () => {
    // recv took function id 1 (recorded only on return) and 2 for its deadline.
    const steps = [step(0, 'greet'), sleepUntil(2, 60, 'podium.sleep')];
    expect(waitingOn(steps, now)).toEqual({
      kind: 'message-or-event',
      since: at(-30),
      until: at(60),
    });
    expect(waitingOn([sleepUntil(1, 60)], now)).toMatchObject({ kind: 'message-or-event' });
  });

  it('reads a child workflow started by the last step', () => {
    const steps = [step(0, 'prepare'), step(1, 'childFlow', { childWorkflowId: 'wf-1-1' })];
    expect(waitingOn(steps, now)).toEqual({
      kind: 'child',
      childWorkflowId: 'wf-1-1',
      since: at(-30),
    });
  });

  it('says nothing once the wait is over or when the steps show none', () => {
    expect(waitingOn([], now)).toBeNull();
    expect(waitingOn([sleepUntil(0, -5)], now)).toBeNull();
    expect(
      waitingOn([step(0, 'childFlow', { childWorkflowId: 'c' }), step(1, 'x')], now),
    ).toBeNull();
    // A recv or getEvent that returned early leaves its deadline (still ahead) behind.
    expect(waitingOn([step(0, 'DBOS.recv'), sleepUntil(1, 60)], now)).toBeNull();
    expect(
      waitingOn([step(0, 'podium.getEvent'), sleepUntil(1, 60, 'podium.sleep')], now),
    ).toBeNull();
  });
});
