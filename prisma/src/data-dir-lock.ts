import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One process per embedded data folder. PGlite has no lock of its own: two control planes on
 * one folder both start, and each overwrites what the other wrote. The lock is a file beside
 * the folder (`<folder>.lock`, outside the data directory PGlite initialises), created with
 * O_EXCL and naming its holder. A lock whose holder is a process of this host that no longer
 * exists (killed, crashed) is taken over; one held from another host is never guessed at.
 */

interface Holder {
  readonly pid: number;
  readonly hostname: string;
  readonly since: string;
  /** Tells this holding apart from a later one by a process that got the same pid. */
  readonly token?: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

export interface DataDirLock {
  /** Deletes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Takes the lock of `dataDir` or throws DataDirLockedError naming the holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = `${path.resolve(dataDir)}.lock`;
  const me: Holder = {
    pid: process.pid,
    hostname: os.hostname(),
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  // Two rounds: the second follows the removal of a stale lock.
  for (let round = 0; round < 2; round++) {
    if (tryCreate(lockFile, me)) return { release: () => releaseIfOurs(lockFile, me) };
    const holder = readHolder(lockFile);
    if (holder === 'gone') continue; // released between our attempt and our look
    if (holder === 'unreadable' || !isStale(holder) || !removeStale(lockFile, holder)) {
      throw lockedError(dataDir, lockFile, holder);
    }
  }
  throw lockedError(dataDir, lockFile, readHolder(lockFile));
}

function tryCreate(lockFile: string, me: Holder): boolean {
  try {
    fs.writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(lockFile: string): Holder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    if (typeof holder.pid === 'number' && typeof holder.hostname === 'string') {
      return { since: '', ...holder } as Holder;
    }
  } catch {
    // fall through: a torn or foreign file is not ours to delete
  }
  return 'unreadable';
}

/** Only a holder on this host can be checked, and only a dead one is stale. */
function isStale(holder: Holder): boolean {
  if (holder.hostname !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the stale file aside and checks it is the one judged stale: if another process took
 * it over in between, its fresh lock is put back and we count as refused.
 */
function removeStale(lockFile: string, stale: Holder): boolean {
  const aside = `${lockFile}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // someone removed it
    throw error;
  }
  const moved = readHolder(aside);
  if (typeof moved === 'object' && sameHolder(moved, stale)) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  try {
    fs.linkSync(aside, lockFile);
  } catch {
    // A third process holds it now; either way it is not ours.
  }
  fs.rmSync(aside, { force: true });
  return false;
}

function releaseIfOurs(lockFile: string, me: Holder): void {
  const holder = readHolder(lockFile);
  if (typeof holder === 'object' && sameHolder(holder, me)) fs.rmSync(lockFile, { force: true });
}

function sameHolder(a: Holder, b: Holder): boolean {
  return a.pid === b.pid && a.hostname === b.hostname && a.since === b.since && a.token === b.token;
}

function lockedError(
  dataDir: string,
  lockFile: string,
  holder: Holder | 'gone' | 'unreadable',
): DataDirLockedError {
  const who =
    typeof holder === 'object'
      ? `pid ${holder.pid} on ${holder.hostname}${holder.since ? `, since ${holder.since}` : ''}`
      : 'a holder whose lock file cannot be read';
  return new DataDirLockedError(
    `The embedded database folder ${dataDir} is in use by another process (${who}). ` +
      'Only one control plane may open it: stop the other one, or give this one another data ' +
      `folder. If no process is using it, delete ${lockFile}.`,
  );
}
