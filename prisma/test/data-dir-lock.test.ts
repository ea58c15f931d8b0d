import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/data-dir-lock';

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid;
}

describe('lockDataDir', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-dir-lock-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const folder = () => path.join(root, `data-${++n}`);
  const writeLock = (dataDir: string, holder: Record<string, unknown>) =>
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify(holder));

  it('refuses a second holder until the first releases', () => {
    const dataDir = folder();
    const first = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(`pid ${process.pid} on ${os.hostname()}`);
    first.release();
    first.release(); // idempotent
    lockDataDir(dataDir).release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('takes over the lock of a dead process on this host', () => {
    const dataDir = folder();
    writeLock(dataDir, { pid: deadPid(), hostname: os.hostname(), since: 'yesterday' });
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    lock.release();
    expect(fs.readdirSync(root).filter((f) => f.includes('stale'))).toEqual([]);
  });

  it('leaves alone a lock from another host, or one it cannot read', () => {
    const elsewhere = folder();
    writeLock(elsewhere, { pid: deadPid(), hostname: 'other-host', since: '' });
    expect(() => lockDataDir(elsewhere)).toThrow(/pid \d+ on other-host/);
    const torn = folder();
    fs.writeFileSync(`${torn}.lock`, '');
    expect(() => lockDataDir(torn)).toThrow(/cannot be read[\s\S]*delete/);
  });

  it('does not delete a lock that is no longer its own', () => {
    const dataDir = folder();
    const lock = lockDataDir(dataDir);
    const successor = { pid: process.pid, hostname: os.hostname(), since: 'later', token: 'x' };
    writeLock(dataDir, successor);
    lock.release();
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8'))).toEqual(successor);
  });
});
