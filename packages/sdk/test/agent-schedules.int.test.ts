/**
 * The conductor agent's schedule, version and alert answers, against a real `ws` server
 * playing the control plane (requests from `encodeRequest`, answers checked by
 * `decodeResponse`): DBOS TypeScript's shapes, its answers for unknown names, and the state
 * really changing. On both backends.
 */
import { toWireTimestamp } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Podium, PodiumOptions } from '../src';
import { BACKENDS } from './helpers/backends';
import { FakeConductor } from './helpers/fake-conductor';
import { useHarness } from './helpers/harness';
import { recordingLogger } from './helpers/recording-logger';
import { defineTick } from './helpers/scheduled';
import { RunLog, uniqueName, waitFor } from './helpers/util';

const YEARLY = '0 0 1 1 *';

describe.each(BACKENDS.map((make) => make()))(
  'conductor agent: schedules, versions and alerts on $name',
  (backend) => {
    const harness = useHarness(backend);
    let conductor: FakeConductor;
    beforeAll(async () => (conductor = await FakeConductor.start()));
    afterAll(() => conductor.close());

    /** A launched app with the `tick` workflow, connected to the fake conductor. */
    async function connect(
      options: Partial<PodiumOptions> & { setUp?: (podium: Podium) => void } = {},
    ) {
      const { setUp, ...rest } = options;
      const appName = rest.appName ?? uniqueName('app');
      const podium = harness.podium({
        conductorKey: 'key',
        conductorUrl: conductor.url,
        ...rest,
        appName,
      });
      const tick = defineTick(podium, new RunLog());
      setUp?.(podium);
      const linked = conductor.nextLink();
      await podium.launch();
      const link = await linked;
      await link.request('executor_info');
      return { podium, link, tick, appName };
    }

    it('lists and gets schedules in DBOS TypeScript shapes', async () => {
      const { podium, link, tick, appName } = await connect();
      const [first, second] = [uniqueName('a-report'), uniqueName('b-cleanup')] as const;
      await podium.schedules.create(first, YEARLY, tick, { context: { label: 'ops' } });
      await podium.schedules.create(second, '*/5 * * * *', tick, {
        cronTimezone: 'Europe/Paris',
        automaticBackfill: true,
      });
      await podium.schedules.pause(second);

      const listed = await link.request('list_schedules', { body: {} });
      const created = await podium.schedules.get(first);
      expect(listed.output).toEqual([
        {
          schedule_id: created?.scheduleId,
          schedule_name: first,
          workflow_name: 'tick',
          schedule: YEARLY,
          status: 'ACTIVE',
          context: "{ label: 'ops' }",
          last_fired_at: null,
          automatic_backfill: false,
          cron_timezone: null,
          queue_name: null,
          application_name: appName,
        },
        expect.objectContaining({
          schedule_name: second,
          status: 'PAUSED',
          context: 'undefined',
          automatic_backfill: true,
          cron_timezone: 'Europe/Paris',
        }),
      ]);
      const names = async (body: Record<string, unknown>) =>
        (await link.request('list_schedules', { body })).output?.map((s) => s.schedule_name);
      expect(await names({ status: 'PAUSED' })).toEqual([second]);
      expect(await names({ status: ['ACTIVE', 'PAUSED'], schedule_name_prefix: first })).toEqual([
        first,
      ]);
      expect(await names({ workflow_name: 'other' })).toEqual([]);
      expect(await names({ application_name: 'another-app' })).toEqual([]);
      expect(await names({ application_name: [appName] })).toEqual([first, second]);
      const withoutContext = await link.request('list_schedules', {
        body: { load_context: false },
      });
      expect(withoutContext.output?.[0]).not.toHaveProperty('context');
      // DBOS TS crashes on a missing body; answering all is kinder.
      const noBody = await link.send('{"type":"list_schedules","request_id":"nb"}', 'nb');
      expect(JSON.parse(noBody)).toMatchObject({ output: [{ schedule_name: first }, {}] });

      const got = await link.request('get_schedule', { schedule_name: first });
      expect(got.output).toEqual(listed.output?.[0]);
      const bare = await link.request('get_schedule', {
        schedule_name: first,
        load_context: false,
      });
      expect(bare.output).not.toHaveProperty('context');
      const missing = await link.request('get_schedule', { schedule_name: 'no-such-schedule' });
      expect(missing).toEqual({ type: 'get_schedule', request_id: missing.request_id });
    });

    it('pauses, resumes, triggers and backfills: the state really changes', async () => {
      const { podium, link, tick } = await connect();
      const name = uniqueName('yearly');
      await podium.schedules.create(name, YEARLY, tick, { context: { label: 'w' } });

      expect(await link.request('pause_schedule', { schedule_name: name })).toMatchObject({
        success: true,
      });
      expect((await podium.schedules.get(name))?.status).toBe('PAUSED');
      expect(await link.request('resume_schedule', { schedule_name: name })).toMatchObject({
        success: true,
      });
      expect((await podium.schedules.get(name))?.status).toBe('ACTIVE');
      // As DBOS: an unknown name is not an error for pause and resume.
      for (const type of ['pause_schedule', 'resume_schedule'] as const) {
        const answer = await link.request(type, { schedule_name: 'no-such-schedule' });
        expect(answer).toEqual({ type, request_id: answer.request_id, success: true });
      }

      const triggered = await link.request('trigger_schedule', { schedule_name: name });
      expect(triggered.workflow_id).toMatch(new RegExp(`^sched-${name}-trigger-`));
      const run = podium.retrieveWorkflow<string>(triggered.workflow_id ?? '');
      expect(await run.getResult()).toMatch(/^w@/);
      const unknown = await link.request('trigger_schedule', { schedule_name: 'no-such-schedule' });
      expect(unknown.workflow_id).toBeUndefined();
      expect(unknown.error_message).toMatch(/no-such-schedule/);

      const backfill = await link.request('backfill_schedule', {
        schedule_name: name,
        start: toWireTimestamp(Date.parse('2024-12-31T00:00:00Z')),
        end: toWireTimestamp(Date.parse('2026-01-02T00:00:00Z')),
      });
      expect(backfill).toEqual({
        type: 'backfill_schedule',
        request_id: backfill.request_id,
        workflow_ids: [
          `sched-${name}-2025-01-01T00:00:00.000Z`,
          `sched-${name}-2026-01-01T00:00:00.000Z`,
        ],
      });
      await waitFor(async () =>
        (await podium.listWorkflows({ scheduleName: name })).every((w) => w.status === 'SUCCESS'),
      );
      expect(await podium.listWorkflows({ scheduleName: name })).toHaveLength(3);
      const failed = await link.request('backfill_schedule', {
        schedule_name: 'no-such-schedule',
        start: toWireTimestamp(0),
        end: toWireTimestamp(1),
      });
      expect(failed.workflow_ids).toEqual([]);
      expect(failed.error_message).toMatch(/no-such-schedule/);
      const bad = await link.send(
        JSON.stringify({
          type: 'backfill_schedule',
          request_id: 'bad',
          schedule_name: name,
          start: 'yesterday',
          end: '2025-01-01T00:00:00Z',
        }),
        'bad',
      );
      expect(JSON.parse(bad)).toMatchObject({ workflow_ids: [], error_message: /start/ });
    });

    it('lists application versions and sets the latest', async () => {
      const appName = uniqueName('app');
      const old = harness.podium({ appName, applicationVersion: 'v1' });
      defineTick(old, new RunLog()); // a Podium running no workflow records no version
      await old.launch();
      await old.shutdown();
      const { link } = await connect({ appName, applicationVersion: 'v2' });

      const listed = await link.request('list_application_versions');
      expect(listed.output).toEqual([
        {
          version_id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
          version_name: 'v2',
          version_timestamp: expect.any(Number) as number,
          created_at: expect.any(Number) as number,
        },
        expect.objectContaining({ version_name: 'v1' }),
      ]);
      const set = await link.request('set_latest_application_version', { version_name: 'v1' });
      expect(set).toEqual({
        type: 'set_latest_application_version',
        request_id: set.request_id,
        success: true,
      });
      const after = await link.request('list_application_versions');
      expect(after.output?.map((v) => v.version_name)).toEqual(['v1', 'v2']);
      // As DBOS: an unknown version is not an error, and changes nothing.
      const unknown = await link.request('set_latest_application_version', { version_name: 'v9' });
      expect(unknown.success).toBe(true);
      expect((await link.request('list_application_versions')).output).toEqual(after.output);
    });

    it('hands alerts to the app’s handler, and reports a handler that throws', async () => {
      const received: Alert[] = [];
      const { link } = await connect({
        setUp: (podium) =>
          podium.onAlert((alert) => {
            if (alert.name === 'explode') throw new Error('pager unreachable');
            received.push(alert);
          }),
      });
      const alert = { name: 'disk', message: 'disk 91% full', metadata: { host: 'db-1' } };
      const answer = await link.request('alert', alert);
      expect(answer).toEqual({ type: 'alert', request_id: answer.request_id, success: true });
      expect(received).toEqual([alert]);

      const failed = await link.request('alert', { ...alert, name: 'explode' });
      expect(failed).toMatchObject({
        success: false,
        error_message: 'Exception in alert handler: pager unreachable',
      });
    });

    it('logs alerts when no handler is registered, and answers success as DBOS does', async () => {
      const logger = recordingLogger();
      const { link } = await connect({ logger });
      const alert = { name: 'disk', message: 'disk 91% full', metadata: { host: 'db-1' } };
      expect(await link.request('alert', alert)).toMatchObject({ success: true });
      expect(logger.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', fields: { alert } }),
      );
    });
  },
);
