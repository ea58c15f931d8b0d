// One SDK's child process (lib/sdk-child.mjs), driven over IPC one request at a time, and an
// independent count of what that SDK wrote to its database. Shared by sdk-vs-dbos.mjs and
// queue-vs-dbos.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REPLY_TIMEOUT_MS = 10 * 60_000; // a hung SDK fails the run instead of hanging it
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sdk-child.mjs');

// Where each SDK keeps its workflows and step checkpoints.
const TABLES = {
  podium: { workflows: 'podium.workflow_status', steps: 'podium.operation_outputs' },
  dbos: { workflows: 'dbos.workflow_status', steps: 'dbos.operation_outputs' },
};

/**
 * Starts one SDK's process; resolves once it has launched, with `launchMs`, `stepNames` and
 * `request(message)` (one at a time: sends `message`, resolves with the reply).
 */
export function startSdkProcess(sdk, databaseUrl, env = {}) {
  // --no-deprecation: DBOS trips a pg deprecation warning; same flags for both SDKs.
  const proc = spawn(process.execPath, ['--no-deprecation', childScript], {
    env: { ...process.env, ...env, SDK: sdk, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.on('message', (message) => pending?.resolve(message));
  proc.once('exit', (code) => pending?.reject(new Error(`${sdk} process exited with ${code}`)));
  const reply = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${sdk} did not answer`)), REPLY_TIMEOUT_MS);
      const settle = (fn) => (value) => {
        clearTimeout(timer);
        pending = undefined;
        fn(value);
      };
      pending = { resolve: settle(resolve), reject: settle(reject) };
    });
  const child = {
    request: async (message) => {
      const answer = reply();
      proc.send(message);
      return answer;
    },
    stop: async () => {
      if (proc.exitCode === null) proc.send({ shutdown: true });
      setTimeout(() => proc.kill('SIGKILL'), 30_000).unref();
      await exited;
    },
    kill: () => proc.exitCode === null && proc.kill('SIGKILL'),
  };
  return reply().then(({ ready }) => ({ ...child, ...ready }));
}

/**
 * Counts, independently of the SDK, what it wrote (workflows, successes, checkpoints) and the
 * transactions its database committed: every autocommit statement is one, and background
 * polling counts too. Its process has exited, so its statistics are flushed.
 */
export async function countWritten(sdk, databaseUrl, stepNames) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { workflows, steps } = TABLES[sdk];
    const { rows } = await db.query(
      `SELECT (SELECT xact_commit::int FROM pg_stat_database
           WHERE datname = current_database()) AS transactions,
         (SELECT count(*)::int FROM ${workflows}) AS workflows,
         (SELECT count(*)::int FROM ${workflows} WHERE status = 'SUCCESS') AS succeeded,
         (SELECT count(*)::int FROM ${steps} WHERE function_name = ANY($1)) AS checkpoints`,
      [stepNames],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}
