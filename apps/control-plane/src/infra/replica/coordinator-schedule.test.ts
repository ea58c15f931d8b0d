import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoordinatorSchedule } from './coordinator-schedule';
import type { ReplicaRole } from './replica-role';

const silent = pino({ level: 'silent' });
const role = (isCoordinator: boolean) => ({ isCoordinator }) as ReplicaRole;

describe('CoordinatorSchedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins a pass under way instead of starting another', async () => {
    const schedule = new CoordinatorSchedule(role(true), silent, 'test pass');
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const pass = vi.fn(() => blocked);
    const first = schedule.run(pass);
    const second = schedule.run(pass);
    expect(pass).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);
    await schedule.run(pass); // the pass under way is over: a new one starts
    expect(pass).toHaveBeenCalledTimes(2);
  });

  it('logs a failed pass and lets the next one run', async () => {
    const warn = vi.spyOn(silent, 'warn');
    const schedule = new CoordinatorSchedule(role(true), silent, 'test pass');
    await expect(schedule.run(() => Promise.reject(new Error('boom')))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      { err: 'Error: boom' },
      'test pass failed: retrying at the next',
    );
    const next = vi.fn(() => Promise.resolve());
    await schedule.run(next);
    expect(next).toHaveBeenCalledOnce();
  });

  it('runs on its period only while this replica coordinates, and never after stop', () => {
    vi.useFakeTimers();
    const coordinator = { isCoordinator: false };
    const schedule = new CoordinatorSchedule(coordinator as ReplicaRole, silent, 'test pass');
    const pass = vi.fn(() => Promise.resolve());
    schedule.every(1_000, pass);
    vi.advanceTimersByTime(1_000);
    expect(pass).not.toHaveBeenCalled();
    coordinator.isCoordinator = true;
    vi.advanceTimersByTime(1_000);
    expect(pass).toHaveBeenCalledOnce();
    schedule.stop();
    expect(schedule.stopped).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(pass).toHaveBeenCalledOnce();
  });
});
