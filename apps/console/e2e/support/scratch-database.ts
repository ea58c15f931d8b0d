// A throwaway PostgreSQL database for one browser test file, made and dropped with the
// repository's own stock Prisma CLI (the console may not depend on @podium/db): `migrate
// deploy` creates the database and applies every migration, as operators do before starting
// the control plane; `db execute` drops it afterwards.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The server to make databases on: DATABASE_URL's, else the local default (as the repo's tests). */
const SERVER_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  /** Runs SQL on it (to set up a state no journey can reach in time, e.g. week-old records). */
  execute(sql: string): Promise<void>;
  drop(): Promise<void>;
}

/** Runs the repository's Prisma CLI against `databaseUrl` (with `input` on its stdin). */
function prisma(repoRoot: string, args: string[], databaseUrl: string, input?: string) {
  const prismaDir = path.join(repoRoot, 'prisma');
  const cli = createRequire(path.join(prismaDir, 'package.json')).resolve('prisma/build/index.js');
  const child = run(process.execPath, [cli, ...args], {
    cwd: prismaDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    timeout: 120_000,
  });
  if (input !== undefined) child.child.stdin?.end(input);
  return child;
}

/** A new database name on the server, its URL, and how to drop it. */
function scratchName(repoRoot: string) {
  const name = `podium_console_e2e_${randomBytes(6).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const admin = new URL(SERVER_URL);
  admin.pathname = '/postgres';
  const drop = async () => {
    await prisma(
      repoRoot,
      ['db', 'execute', '--stdin'],
      admin.toString(),
      `DROP DATABASE IF EXISTS "${name}" WITH (FORCE);`,
    );
  };
  return { url: url.toString(), drop };
}

export async function createMigratedDatabase(repoRoot: string): Promise<ScratchDatabase> {
  const { url, drop } = scratchName(repoRoot);
  try {
    await prisma(repoRoot, ['migrate', 'deploy'], url);
  } catch (error) {
    throw new Error(
      `Could not create and migrate a scratch database on ${new URL(url).host} (PostgreSQL is ` +
        `required; set DATABASE_URL to use another server): ${String(error)}`,
      { cause: error },
    );
  }
  return {
    url,
    execute: async (sql: string) => {
      await prisma(repoRoot, ['db', 'execute', '--stdin'], url, sql);
    },
    drop,
  };
}

/**
 * The URL of a database that does not exist yet, for a program that creates its own (a DBOS
 * executor's system database), and how to drop it afterwards.
 */
export function reserveDatabase(repoRoot: string): { url: string; drop(): Promise<void> } {
  return scratchName(repoRoot);
}
