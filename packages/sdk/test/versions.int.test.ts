/**
 * Application versions on both backends: every launch records its version (the first launch
 * of a version makes it latest), an operator can make another one latest, and the latest is
 * what scheduled runs, and workflows enqueued without a version, run on.
 */
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidOperationError, type Podium } from '../src';
import { INTERNAL_QUEUE } from '../src/engine/management';
import { serializeValue } from '../src/internal/serialization';
import { type Backend, BACKENDS } from './helpers/backends';
import { useHarness } from './helpers/harness';
import { defineTick } from './helpers/scheduled';
import { watchClaims } from './helpers/storage-watch';
import { RunLog, uniqueName, waitFor } from './helpers/util';

/** Runs one statement on the backend's database, behind the SDK's back. */
async function rawQuery(backend: Backend, sql: string, params: unknown[]): Promise<void> {
  const database = backend.database();
  if (database.pglite !== undefined) {
    await database.pglite.query(sql, params);
    return;
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe.each(BACKENDS.map((make) => make()))('application versions on $name', (backend) => {
  const harness = useHarness(backend);
  afterEach(() => vi.restoreAllMocks());

  /** A launched Podium of `appName` running `version` under executor id `version`. */
  const launch = async (appName: string, version: string) =>
    harness.launch((p) => ({ tick: defineTick(p, new RunLog()) }), {
      appName,
      applicationVersion: version,
      executorId: `executor-${version}`,
    });

  const names = async (podium: Podium) => (await podium.versions.list()).map((v) => v.versionName);

  it('records each version at its first launch as the latest, and sets another latest', async () => {
    const appName = uniqueName('app');
    const { podium: v1 } = await launch(appName, 'v1');
    const [only] = await v1.versions.list();
    expect(only).toEqual({
      versionId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      versionName: 'v1',
      versionTimestamp: expect.any(Number) as number,
      createdAt: only?.versionTimestamp,
    });
    const { podium: v2 } = await launch(appName, 'v2');
    expect(await names(v2)).toEqual(['v2', 'v1']);
    // Launching an older version again does not make it latest.
    await v1.shutdown();
    const { podium: again } = await launch(appName, 'v1');
    expect(await names(again)).toEqual(['v2', 'v1']);
    expect((await again.versions.latest()).versionName).toBe('v2');

    await again.versions.setLatest('v1');
    expect(await names(v2)).toEqual(['v1', 'v2']);
    const [latest, previous] = await v2.versions.list();
    expect(latest?.versionTimestamp).toBeGreaterThan(previous?.versionTimestamp ?? Infinity);
    await expect(v2.versions.setLatest('v9')).rejects.toBeInstanceOf(InvalidOperationError);
    // Versions belong to their application.
    const { podium: other } = await launch(uniqueName('app'), 'v3');
    expect(await names(other)).toEqual(['v3']);
    await expect(other.versions.setLatest('v1')).rejects.toThrow(/never launched/);
    // A Podium running no workflow (reading, managing) is no version of the application.
    const observer = harness.podium({ appName, applicationVersion: 'observer' });
    await observer.launch();
    expect(await names(observer)).toEqual(['v1', 'v2']);
  });

  it('enqueues scheduled runs under the latest version, which its executors run', async () => {
    const appName = uniqueName('app');
    const { podium: old, tick } = await launch(appName, 'old');
    const { podium: current } = await launch(appName, 'new');
    const name = uniqueName('yearly');
    await old.schedules.create(name, '0 0 1 1 *', tick, { context: { label: 'v' } });

    for (const [version, podium] of [
      ['old', old],
      ['new', current],
    ] as const) {
      await podium.versions.setLatest(version);
      const run = await old.schedules.trigger(name);
      await run.getResult();
      expect(await run.getStatus()).toMatchObject({
        applicationVersion: version,
        executorId: `executor-${version}`,
      });
    }
  });

  it('runs a workflow enqueued without a version on the latest version only', async () => {
    const appName = uniqueName('app');
    const { podium: v1 } = await launch(appName, 'v1');
    await launch(appName, 'v2');
    await v1.versions.setLatest('v1');
    await v1.shutdown(); // the latest version has no executor left
    const { podium: v2 } = await launch(appName, 'v2-observer');
    await v2.versions.setLatest('v1');
    const claims = watchClaims();

    const workflowId = uniqueName('versionless');
    const input = serializeValue([new Date('2025-01-01T00:00:00Z'), { label: 'nv' }]);
    await rawQuery(
      backend,
      `INSERT INTO podium.workflow_status (workflow_id, name, status, input, application_name,
         queue_name, generation, created_at, updated_at)
       VALUES ($1, 'tick', 'ENQUEUED', $2, $3, $4, 1, 0, 0)`,
      [workflowId, input, appName, INTERNAL_QUEUE],
    );
    // Executors of other versions poll past it and leave it.
    await claims.nextClaim(INTERNAL_QUEUE, 'executor-v2');
    await claims.nextClaim(INTERNAL_QUEUE, 'executor-v2-observer');
    expect((await v2.getWorkflowStatus(workflowId))?.status).toBe('ENQUEUED');

    await v2.versions.setLatest('v2');
    await waitFor(async () => (await v2.getWorkflowStatus(workflowId))?.status === 'SUCCESS');
    expect(await v2.getWorkflowStatus(workflowId)).toMatchObject({
      applicationVersion: 'v2',
      executorId: 'executor-v2',
    });
  });
});
