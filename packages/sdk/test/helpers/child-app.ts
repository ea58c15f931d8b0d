/**
 * Child processes for the crash tests: a TypeScript fixture run in its own process (SIGKILLed
 * by the test), on a database both the test and its children reach: a fresh PostgreSQL
 * database, or a PGlite data directory that one process at a time opens.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './backends';

const RUN_TS = path.join(__dirname, '..', 'fixtures', 'run-ts.cjs');

export interface ChildApps {
  /** A scratch directory removed by `cleanup()`. */
  readonly scratch: string;
  /** Runs `fixture` (absolute, or under test/fixtures) with `env` added to this process's. */
  spawn(fixture: string, env: Record<string, string>): ChildProcess;
  /** Kills what is still running and removes the scratch directory. */
  cleanup(): void;
}

export function childApps(): ChildApps {
  const scratch = mkdtempSync(path.join(tmpdir(), 'podium-crash-'));
  const children: ChildProcess[] = [];
  return {
    scratch,
    spawn(fixture, env) {
      const app = path.isAbsolute(fixture)
        ? fixture
        : path.join(__dirname, '..', 'fixtures', fixture);
      const child = fork(RUN_TS, [app], { env: { ...process.env, ...env }, stdio: 'inherit' });
      children.push(child);
      return child;
    },
    cleanup() {
      children.forEach((child) => child.kill('SIGKILL'));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export const exited = (child: ChildProcess): Promise<unknown> =>
  new Promise((resolve) => child.once('exit', resolve));

/** The lines a fixture appended to a side log (none if it wrote nothing yet). */
export const readLog = (file: string): string[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

/** The next IPC message of a child; rejects if it exits first. */
export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`child process exited ${code}`)));
  });
}

/** Where a child's database lives: the env it reads, and how to remove it. */
export interface ChildDatabase {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** PostgreSQL (`DATABASE_URL_UNDER_TEST`) and PGlite (`DATA_DIR`), as fixtures expect them. */
export const CHILD_BACKENDS: {
  name: string;
  /** A fresh database (PGlite's folder inside `scratch`). */
  database: (scratch: string) => Promise<ChildDatabase>;
}[] = [
  {
    name: 'postgres',
    database: async () => {
      const db = await createTestDatabase();
      return { env: { DATABASE_URL_UNDER_TEST: db.url }, cleanup: () => db.drop() };
    },
  },
  {
    name: 'pglite',
    database: (scratch) =>
      Promise.resolve({
        env: { DATA_DIR: mkdtempSync(path.join(scratch, 'pglite-')) },
        cleanup: () => Promise.resolve(),
      }),
  },
];
