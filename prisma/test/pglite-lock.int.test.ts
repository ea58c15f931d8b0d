import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src';

/** The pid of a process that has certainly exited (spawned, then waited for). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

describe('one process per embedded data folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-lock-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const folder = (name: string) => path.join(root, name);

  it('refuses a second open of a folder in use, naming the folder and the holder', async () => {
    const dataDir = folder('busy');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const second = openDatabase({ kind: 'pglite', dataDir });
      await expect(second).rejects.toThrow(dataDir);
      await expect(second).rejects.toThrow(`pid ${process.pid} on ${os.hostname()}`);
      // The holder is unharmed.
      await expect(first.ping()).resolves.toBeUndefined();
    } finally {
      await first.close();
    }
  });

  it('opens the folder again once the holder closed it', async () => {
    const dataDir = folder('reopened');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await first.prisma.organization.create({ data: { name: 'kept', displayName: 'Kept' } });
    await first.close();
    const again = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(again.prisma.organization.count()).resolves.toBe(1);
    } finally {
      await again.close();
    }
  });

  it('takes over a lock left by a process that died without closing', async () => {
    const dataDir = folder('stale');
    await (await openDatabase({ kind: 'pglite', dataDir })).close();
    const lockFile = `${dataDir}.lock`;
    const pid = await deadPid();
    fs.writeFileSync(
      lockFile,
      JSON.stringify({ pid, hostname: os.hostname(), since: new Date().toISOString() }),
    );
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await db.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('never locks an in-memory database', async () => {
    const [a, b] = await Promise.all([
      openDatabase({ kind: 'pglite', dataDir: 'memory://' }),
      openDatabase({ kind: 'pglite', dataDir: 'memory://' }),
    ]);
    await Promise.all([a.close(), b.close()]);
  });
});
