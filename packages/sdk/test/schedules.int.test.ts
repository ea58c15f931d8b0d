/**
 * Schedules on both backends: ticks start exactly one workflow each (with the tick's time and
 * the schedule's context, under the latest version), across several Podiums sharing the
 * database; runtime create / apply / pause / resume / delete; trigger and backfill; and the
 * missed-ticks policy across a full stop. Real time passes here (every-second schedules),
 * waited for as conditions with generous bounds.
 */
import { describe, expect, it } from 'vitest';
import { InvalidOperationError, ScheduleNotFoundError, type Podium } from '../src';
import { BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { recordingLogger } from './helpers/recording-logger';
import { contiguous, defineTick, runsOf, tickOf } from './helpers/scheduled';
import { RunLog, uniqueName, untilClockPasses, waitFor } from './helpers/util';

const EVERY_SECOND = '* * * * * *';
const YEARLY = '0 0 1 1 *';

/** Waits until `count` runs of the schedule succeeded; returns every run. */
async function succeeded(podium: Podium, scheduleName: string, count: number) {
  return waitFor(
    async () => {
      const runs = await runsOf(podium, scheduleName);
      return runs.filter((run) => run.status === 'SUCCESS').length >= count ? runs : undefined;
    },
    30_000,
    `${count} successful runs of ${scheduleName}`,
  );
}

describe.each(BACKENDS.map((make) => make()))('schedules on $name', (backend) => {
  const harness = useHarness(backend);
  const options = (appName: string) => ({ appName, schedulePollIntervalMs: 100 });

  it('fires a registered schedule once per tick, with its time and context, on the latest version', async () => {
    const log = new RunLog();
    const name = uniqueName('every-second');
    const { podium } = await harness.launch(
      (p) => {
        const tick = defineTick(p, log);
        p.schedule(name, EVERY_SECOND, tick, { context: { label: 'a' } });
        return { tick };
      },
      options(uniqueName('app')),
    );

    const runs = await succeeded(podium, name, 3);
    const ticks = runs.map((run) => tickOf(run.workflowId, name));
    expect(contiguous(ticks, 1000)).toBe(true);
    for (const run of runs.filter((r) => r.status === 'SUCCESS')) {
      const at = new Date(tickOf(run.workflowId, name));
      expect(run).toMatchObject({
        workflowId: `sched-${name}-${at.toISOString()}`,
        workflowName: 'tick',
        scheduleName: name,
        queueName: '_podium_internal_queue',
        applicationVersion: podium.applicationVersion,
        input: [at, { label: 'a' }],
      });
      expect(log.count(`a@${at.toISOString()}`)).toBe(1);
    }
    const schedule = await podium.schedules.get(name);
    expect(schedule).toMatchObject({
      scheduleName: name,
      workflowName: 'tick',
      cron: EVERY_SECOND,
      cronTimezone: null,
      context: { label: 'a' },
      queueName: null,
      automaticBackfill: false,
      backfillLimit: 1000,
      status: 'ACTIVE',
    });
    expect(schedule?.lastFiredAt).toBeGreaterThanOrEqual(Math.max(...ticks));
  });

  it('starts exactly one workflow per tick however many Podiums serve the schedule', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const name = uniqueName('shared');
    const podiums = ['a', 'b', 'c'].map((executorId) => {
      const podium = harness.podium({ ...options(appName), executorId });
      const tick = defineTick(podium, log);
      podium.schedule(name, EVERY_SECOND, tick, { context: { label: 'x' } });
      return podium;
    });
    await Promise.all(podiums.map((podium) => podium.launch()));
    const [first] = podiums as [Podium];

    const runs = await succeeded(first, name, 5);
    const ticks = runs.map((run) => tickOf(run.workflowId, name));
    expect(contiguous(ticks, 1000)).toBe(true);
    for (const tick of ticks.slice(0, 5)) {
      await waitFor(() => log.count(`x@${new Date(tick).toISOString()}`) > 0);
      expect(log.count(`x@${new Date(tick).toISOString()}`)).toBe(1);
    }
    // Three identical registrations applied as one schedule.
    expect(await first.schedules.list({ scheduleNamePrefix: name })).toHaveLength(1);
  });

  it('creates, applies, pauses, resumes, lists and deletes schedules at run time', async () => {
    const log = new RunLog();
    const { podium, tick } = await harness.launch(
      (p) => {
        p.queue('reports', { concurrency: 1 });
        return { tick: defineTick(p, log) };
      },
      options(uniqueName('app')),
    );
    const name = uniqueName('yearly');

    const created = await podium.schedules.create(name, YEARLY, tick, {
      context: { label: 'v1' },
      cronTimezone: 'Europe/Paris',
      queueName: 'reports',
    });
    expect(created).toMatchObject({
      scheduleName: name,
      cron: YEARLY,
      cronTimezone: 'Europe/Paris',
      context: { label: 'v1' },
      queueName: 'reports',
      status: 'ACTIVE',
      lastFiredAt: null,
    });
    await expect(podium.schedules.create(name, YEARLY, tick)).rejects.toThrow(/already exists/);
    await expect(podium.schedules.create(uniqueName('bad'), '61 * * * *', tick)).rejects.toThrow(
      InvalidOperationError,
    );
    await expect(
      podium.schedules.create(uniqueName('bad'), YEARLY, tick, { queueName: 'nope' }),
    ).rejects.toThrow(/not registered/);

    // Apply keeps the id and the status, and changes the definition.
    await podium.schedules.pause(name);
    const applied = await podium.schedules.apply(name, '0 0 * * *', tick, {
      context: { label: 'v2' },
    });
    expect(applied).toMatchObject({
      scheduleId: created.scheduleId,
      cron: '0 0 * * *',
      cronTimezone: null,
      context: { label: 'v2' },
      queueName: null,
      status: 'PAUSED',
    });
    // Applying it unchanged changes nothing, not even its update time.
    const again = await podium.schedules.apply(name, '0 0 * * *', tick, {
      context: { label: 'v2' },
    });
    expect(again).toEqual(applied);

    const other = uniqueName('other');
    await podium.schedules.apply(other, YEARLY, tick);
    expect((await podium.schedules.list({ status: 'PAUSED' })).map((s) => s.scheduleName)).toEqual([
      name,
    ]);
    expect(
      (await podium.schedules.list({ scheduleNamePrefix: [name, other] })).map(
        (s) => s.scheduleName,
      ),
    ).toEqual([name, other].sort());
    expect(await podium.schedules.list({ workflowName: 'nothing' })).toEqual([]);

    await podium.schedules.resume(name);
    expect((await podium.schedules.get(name))?.status).toBe('ACTIVE');
    expect(await podium.schedules.delete(name)).toBe(true);
    expect(await podium.schedules.delete(name)).toBe(false);
    expect(await podium.schedules.get(name)).toBeNull();
    await expect(podium.schedules.pause(name)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(podium.schedules.resume(name)).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('keeps a name taken by another application', async () => {
    const name = uniqueName('taken');
    const myApp = uniqueName('app');
    const { podium: mine, tick } = await harness.launch(
      (p) => ({ tick: defineTick(p, new RunLog()) }),
      options(myApp),
    );
    const { podium: theirs, tick: theirTick } = await harness.launch(
      (p) => ({ tick: defineTick(p, new RunLog()) }),
      options(uniqueName('app')),
    );
    await mine.schedules.create(name, YEARLY, tick);
    await expect(theirs.schedules.apply(name, YEARLY, theirTick)).rejects.toThrow(
      /belongs to another application/,
    );
    await expect(theirs.schedules.create(name, YEARLY, theirTick)).rejects.toThrow(
      /already exists/,
    );
    expect(await theirs.schedules.get(name)).toBeNull();
    expect(await theirs.schedules.delete(name)).toBe(false);
    expect(await mine.schedules.get(name)).toMatchObject({ applicationName: myApp, cron: YEARLY });
  });

  it('fires nothing while paused, and makes up no paused tick on resume', async () => {
    const log = new RunLog();
    const name = uniqueName('pausable');
    const { podium, tick } = await harness.launch(
      (p) => ({ tick: defineTick(p, log) }),
      options(uniqueName('app')),
    );
    await podium.schedules.create(name, EVERY_SECOND, tick, {
      context: { label: 'p' },
      automaticBackfill: true,
    });
    await succeeded(podium, name, 1);

    await podium.schedules.pause(name);
    const pausedAt = Date.now();
    // Three ticks' worth of time must pass while paused.
    await untilClockPasses(pausedAt + 3_000);
    const whilePaused = await runsOf(podium, name);
    expect(whilePaused.every((run) => tickOf(run.workflowId, name) <= pausedAt)).toBe(true);

    await podium.schedules.resume(name);
    const resumedAt = Date.now();
    const after = await waitFor(async () => {
      const runs = await runsOf(podium, name);
      return runs.some((run) => tickOf(run.workflowId, name) > resumedAt) ? runs : undefined;
    });
    const ticks = after.map((run) => tickOf(run.workflowId, name));
    // Nothing from the paused stretch, automatic backfill or not.
    expect(ticks.filter((t) => t > pausedAt + 1_000 && t < resumedAt - 1_000)).toEqual([]);
  });

  it('triggers a run now and backfills a window, idempotently', async () => {
    const log = new RunLog();
    const name = uniqueName('yearly');
    const { podium, tick } = await harness.launch(
      (p) => ({ tick: defineTick(p, log) }),
      options(uniqueName('app')),
    );
    await podium.schedules.create(name, YEARLY, tick, { context: { label: 'y' } });
    await podium.schedules.pause(name); // a paused schedule can still be triggered or backfilled

    const triggered = await podium.schedules.trigger<string>(name);
    expect(triggered.workflowId).toMatch(
      new RegExp(`^sched-${name}-trigger-\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$`),
    );
    const at = triggered.workflowId.slice(`sched-${name}-trigger-`.length);
    expect(await triggered.getResult()).toBe(`y@${at}`);

    const start = new Date('2024-12-31T00:00:00Z');
    const end = new Date('2026-01-01T00:00:00Z'); // excluded, as the start
    const backfilled = await podium.schedules.backfill<string>(name, start, end);
    expect(backfilled.map((h) => h.workflowId)).toEqual([`sched-${name}-2025-01-01T00:00:00.000Z`]);
    expect(await backfilled[0]?.getResult()).toBe('y@2025-01-01T00:00:00.000Z');
    const wider = await podium.schedules.backfill(name, start, Date.parse('2026-01-02T00:00:00Z'));
    expect(wider.map((h) => h.workflowId)).toEqual([
      `sched-${name}-2025-01-01T00:00:00.000Z`,
      `sched-${name}-2026-01-01T00:00:00.000Z`,
    ]);
    await wider[1]?.getResult();
    // The tick backfilled twice ran once.
    expect(log.count('y@2025-01-01T00:00:00.000Z')).toBe(1);
    const runs = await podium.listWorkflows({ scheduleName: name });
    expect(runs).toHaveLength(3);
    expect((await podium.schedules.get(name))?.lastFiredAt).toBeNull();

    await expect(podium.schedules.trigger('no-such-schedule')).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
    await expect(podium.schedules.backfill('no-such-schedule', start, end)).rejects.toBeInstanceOf(
      ScheduleNotFoundError,
    );
    const busy = uniqueName('busy');
    await podium.schedules.create(busy, EVERY_SECOND, tick, { context: { label: 'b' } });
    await podium.schedules.pause(busy);
    await expect(
      podium.schedules.backfill(busy, start, start.getTime() + 3 * 3_600_000),
    ).rejects.toThrow(/more than 10000 ticks/);
  });

  it('skips ticks missed while every process was down, or makes them up with automaticBackfill', async () => {
    const log = new RunLog();
    const appName = uniqueName('app');
    const [skip, catchUp, bounded] = ['skip', 'catch-up', 'bounded'].map(uniqueName) as [
      string,
      string,
      string,
    ];
    const define = (p: Podium) => {
      const tick = defineTick(p, log);
      p.schedule(skip, EVERY_SECOND, tick, { context: { label: 'skip' } });
      p.schedule(catchUp, EVERY_SECOND, tick, {
        context: { label: 'catch-up' },
        automaticBackfill: true,
      });
      p.schedule(bounded, EVERY_SECOND, tick, {
        context: { label: 'bounded' },
        automaticBackfill: true,
        backfillLimit: 2,
      });
      return { tick };
    };
    const { podium: first } = await harness.launch(define, options(appName));
    for (const name of [skip, catchUp, bounded]) await succeeded(first, name, 2);
    await first.shutdown();
    const stoppedAt = Date.now();
    await untilClockPasses(stoppedAt + 4_000); // four ticks pass with nobody serving

    const logger = recordingLogger();
    const restartedAt = Date.now();
    const { podium: second } = await harness.launch(define, { ...options(appName), logger });
    const after = async (name: string) =>
      waitFor(async () => {
        const runs = await runsOf(second, name);
        const ticks = runs.map((run) => tickOf(run.workflowId, name));
        return ticks.some((t) => t > restartedAt + 1_000) ? ticks : undefined;
      });

    const skipped = await after(skip);
    expect(skipped.filter((t) => t > stoppedAt && t <= restartedAt)).toEqual([]);
    expect(
      contiguous(
        skipped.filter((t) => t > restartedAt),
        1000,
      ),
    ).toBe(true);

    const madeUp = await after(catchUp);
    expect(contiguous(madeUp, 1000)).toBe(true);
    expect(madeUp.filter((t) => t > stoppedAt && t <= restartedAt).length).toBeGreaterThanOrEqual(
      3,
    );

    // At most two made up: the older missed ticks were skipped, and said so.
    const limited = await after(bounded);
    const lastBefore = Math.max(...limited.filter((t) => t <= stoppedAt));
    const resumedFrom = Math.min(...limited.filter((t) => t > stoppedAt));
    expect(resumedFrom - lastBefore).toBeGreaterThanOrEqual(3_000);
    expect(
      contiguous(
        limited.filter((t) => t >= resumedFrom),
        1000,
      ),
    ).toBe(true);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'schedule fell behind: older missed ticks skipped',
        fields: { schedule: bounded, ticks: 2 },
      }),
    );
    // Every tick that started a workflow ran once.
    for (const key of ['skip', 'catch-up', 'bounded']) {
      const name = { skip, 'catch-up': catchUp, bounded }[key] as string;
      for (const tick of (await runsOf(second, name)).filter((r) => r.status === 'SUCCESS')) {
        const at = new Date(tickOf(tick.workflowId, name)).toISOString();
        expect(log.count(`${key}@${at}`)).toBe(1);
      }
    }
  });
});
