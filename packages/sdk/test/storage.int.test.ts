import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Podium } from '../src';
import { PgDriver, type SqlDriver } from '../src/engine/storage/driver';
import { LATEST_MIGRATION, migrate } from '../src/engine/storage/migrations';
import { silentLogger } from '../src/logger';
import { createTestDatabase } from './helpers/backends';

describe('migrations on postgres', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('migrates once when many processes start at the same time', async () => {
    const drivers: SqlDriver[] = Array.from({ length: 6 }, () =>
      PgDriver.connect(db.url, 2, silentLogger),
    );
    try {
      const applied = await Promise.all(drivers.map((driver) => migrate(driver, 'podium_race')));
      const all = Array.from({ length: LATEST_MIGRATION }, (_, i) => i + 1);
      expect(applied.flat()).toEqual(all);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const rows = await client.query('SELECT version FROM podium_race.migrations ORDER BY 1');
      await client.end();
      expect(rows.rows).toEqual(all.map((version) => ({ version })));
    } finally {
      await Promise.all(drivers.map((driver) => driver.close()));
    }
  });

  it('refuses a schema migrated by a newer SDK', async () => {
    const driver = PgDriver.connect(db.url, 1, silentLogger);
    try {
      await migrate(driver, 'podium_newer');
      await driver.query('INSERT INTO podium_newer.migrations (version, name) VALUES ($1, $2)', [
        LATEST_MIGRATION + 1,
        'from the future',
      ]);
      await expect(migrate(driver, 'podium_newer')).rejects.toThrow(/newer than this SDK/);
    } finally {
      await driver.close();
    }
  });

  it('settles queries still waiting for a connection when it closes', async () => {
    const driver = PgDriver.connect(db.url, 1, silentLogger);
    // One connection: all but the first wait in the pool's queue, which `pg` would leave
    // pending forever if the pool ended under them.
    const queries = Array.from({ length: 4 }, (_, i) =>
      driver.query<{ n: number }>('SELECT $1::int AS n, pg_sleep(0.05)', [i]),
    );
    const transaction = driver.transaction((tx) => tx.query<{ n: number }>('SELECT 9 AS n'));
    await driver.close();
    const rows = await Promise.all([...queries, transaction]);
    expect(rows.map(([row]) => row?.n)).toEqual([0, 1, 2, 3, 9]);
    await expect(driver.query('SELECT 1')).rejects.toThrow();
  });
});

describe('PGlite storage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps workflows in a data directory across restarts', async () => {
    const open = () => {
      const podium = new Podium({ appName: 'persist', dataDir: dir, schema: 'custom_schema' });
      const echo = podium.workflow('echo', async (ctx, value: number) =>
        ctx.step('echo', () => value),
      );
      return { podium, echo };
    };
    const first = open();
    await first.podium.launch();
    await (await first.echo.start([7], { workflowId: 'kept' })).getResult();
    await first.podium.shutdown();

    const second = open();
    await second.podium.launch();
    expect(await second.podium.retrieveWorkflow('kept').getResult()).toBe(7);
    await second.podium.shutdown();
  });

  it('makes a data directory whose parents do not exist yet', async () => {
    const nested = path.join(dir, 'not', 'yet', 'there');
    const podium = new Podium({ appName: 'nested', dataDir: nested });
    const echo = podium.workflow('echo', async (ctx, value: number) =>
      ctx.step('echo', () => value),
    );
    await podium.launch();
    expect(await (await echo.start([3])).getResult()).toBe(3);
    await podium.shutdown();
  });
});
