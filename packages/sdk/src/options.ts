/**
 * The one options type of the SDK, its defaults, and its validation. Validation runs in the
 * `Podium` constructor and reports every problem at once in a `ConfigurationError`.
 */
import { randomUUID } from 'node:crypto';
import type { RequestLimits } from './agent/dispatch';
import {
  type ConductorSettings,
  type Environment,
  resolveConductorSettings,
} from './agent/settings';
import { ConfigurationError } from './errors';
import { type Logger, silentLogger } from './logger';

/**
 * A PGlite instance created by the application (`await PGlite.create(...)`). Typed
 * structurally so the SDK does not need `@electric-sql/pglite` at compile time.
 */
export interface PGliteInstance {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction<T>(fn: (tx: { query: PGliteInstance['query'] }) => Promise<T>): Promise<T>;
  /** LISTEN (PGlite has it): wakes stream readers of other Podium instances sharing it. */
  listen?(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Options of `new Podium(...)`. Exactly one of `databaseUrl`, `dataDir` or `pglite` is required. */
export interface PodiumOptions {
  /**
   * Name of the application. Recovery, dequeueing and listing only consider workflows of this
   * application, so several applications can share one database. With a conductor, it is also
   * the application's name in the control plane (the `<appName>` of the connection URL).
   */
  appName: string;
  /** PostgreSQL connection string, e.g. `postgresql://user@host:5432/db`. */
  databaseUrl?: string;
  /**
   * Embedded PostgreSQL (PGlite) data directory, or `memory://` for an in-memory database.
   * Requires the optional peer dependency `@electric-sql/pglite`.
   */
  dataDir?: string;
  /**
   * An existing PGlite instance to use. The SDK never closes an instance it did not create.
   */
  pglite?: PGliteInstance;
  /**
   * Database schema holding the SDK's tables; created and migrated at launch.
   * @default 'podium'
   */
  schema?: string;
  /**
   * Identity of this process. Workflows it runs are stamped with it, and `launch()` recovers
   * PENDING workflows stamped with it (and the same application version). With a conductor,
   * it is the `executor_id` the control plane knows this process by, and the control plane
   * recovers a dead executor's workflows elsewhere (as with DBOS, a fresh id per process).
   * @default 'local'; a random UUID per process when a conductor key is configured
   */
  executorId?: string;
  /**
   * Application version stamped on workflows. Recovery only resumes workflows of the same
   * version, because checkpoints are only meaningful for the code that wrote them.
   * @default a hash of the names and source text of all registered workflows
   */
  applicationVersion?: string;
  /**
   * Structured logger.
   * @default a logger that discards everything
   */
  logger?: Logger;
  /**
   * How many times a PENDING workflow may be recovered before it is marked
   * `MAX_RECOVERY_ATTEMPTS_EXCEEDED` instead of being run again.
   * @default 100
   */
  maxRecoveryAttempts?: number;
  /**
   * How often this process looks for ENQUEUED workflows (recovered, resumed or forked ones) to
   * run, in milliseconds.
   * @default 1000
   */
  queuePollIntervalMs?: number;
  /**
   * How often this process reads the application's schedules for changes made by other
   * processes (new, resumed or changed schedules), in milliseconds. Changes made in this
   * process take effect at once, and no process fires a tick of a schedule paused or changed
   * meanwhile, whatever this interval.
   * @default 10000
   */
  schedulePollIntervalMs?: number;
  /**
   * How often waits poll the database for changes made by other processes, in milliseconds:
   * `getResult()` of a workflow running elsewhere, `recv()` and `getEvent()`. Changes made in
   * this process wake waiters at once, and so do stream writes made anywhere (`readStream`
   * is notified by the database; its poll only covers lost notifications).
   * @default 1000
   */
  pollIntervalMs?: number;
  /**
   * Maximum number of PostgreSQL connections (ignored for PGlite).
   * @default 10
   */
  poolSize?: number;
  /**
   * API key for the Podium control plane (the conductor). With a key, `launch()` starts an
   * agent that keeps an outbound WebSocket to the control plane and answers its requests
   * (list, inspect, cancel, resume, fork, recover, ...). The agent is out of band: the app runs
   * the same whether the control plane is up, down or refusing the key.
   * @default process.env.CONDUCTOR_KEY; without a key, no agent runs
   */
  conductorKey?: string;
  /**
   * Base URL of the control plane's executor endpoint; the agent connects to
   * `<conductorUrl>/websocket/<appName>/<conductorKey>` (trailing slashes are ignored).
   * @default process.env.CONDUCTOR_URL, else 'ws://127.0.0.1:8090/conductor/v1alpha1'
   */
  conductorUrl?: string;
  /**
   * JSON-serialisable tags reported to the control plane with this executor's identity
   * (DBOS's `executor_metadata`), e.g. `{ region: 'eu-west-1', pod: process.env.HOSTNAME }`.
   * @default none
   */
  conductorExecutorMetadata?: Record<string, unknown>;
  /**
   * How the agent serves the control plane's requests: at most `concurrent` at once (their
   * handlers use the app's database pool, so keep it well under `poolSize`), at most `waiting`
   * more queued; a request that waited `maxWaitMs` or found the queue full is answered "busy"
   * unrun, and the control plane asks another executor. Keep `maxWaitMs` under the control
   * plane's request timeout (Podium's `PODIUM_EXECUTOR_REQUEST_TIMEOUT_MS`, 15 s by default).
   * @default { concurrent: 4, waiting: 1000, maxWaitMs: 10000 }
   */
  conductorRequestLimits?: Partial<RequestLimits>;
}

/** Options after defaults are applied. */
export interface ResolvedOptions {
  appName: string;
  database:
    | { kind: 'postgres'; url: string; poolSize: number }
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'pglite-instance'; instance: PGliteInstance };
  schema: string;
  executorId: string;
  applicationVersion: string | undefined;
  logger: Logger;
  maxRecoveryAttempts: number;
  queuePollIntervalMs: number;
  schedulePollIntervalMs: number;
  pollIntervalMs: number;
  /** Set when a conductor key is configured. */
  conductor: ConductorSettings | undefined;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkPositiveInt(issues: string[], name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    issues.push(`${name} must be a positive integer`);
  }
}

function checkNonEmpty(issues: string[], name: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.trim() === '')
    issues.push(`${name} must be a non-empty string`);
}

/**
 * Applies defaults and validates; throws `ConfigurationError` listing every issue. `env` is
 * read for `CONDUCTOR_KEY` and `CONDUCTOR_URL` only.
 */
export function resolveOptions(
  options: PodiumOptions,
  env: Environment = process.env,
): ResolvedOptions {
  const issues: string[] = [];
  checkNonEmpty(issues, 'appName', options.appName, true);
  checkNonEmpty(issues, 'databaseUrl', options.databaseUrl, false);
  checkNonEmpty(issues, 'dataDir', options.dataDir, false);
  checkNonEmpty(issues, 'executorId', options.executorId, false);
  checkNonEmpty(issues, 'applicationVersion', options.applicationVersion, false);
  const sources = [options.databaseUrl, options.dataDir, options.pglite].filter(
    (source) => source !== undefined,
  );
  if (sources.length !== 1) {
    issues.push('exactly one of databaseUrl, dataDir or pglite must be given');
  }
  const schema = options.schema ?? 'podium';
  if (!SCHEMA_NAME.test(schema)) {
    issues.push('schema must be a lower-case SQL identifier (letters, digits, underscores)');
  }
  checkPositiveInt(issues, 'maxRecoveryAttempts', options.maxRecoveryAttempts);
  checkPositiveInt(issues, 'queuePollIntervalMs', options.queuePollIntervalMs);
  checkPositiveInt(issues, 'schedulePollIntervalMs', options.schedulePollIntervalMs);
  checkPositiveInt(issues, 'pollIntervalMs', options.pollIntervalMs);
  checkPositiveInt(issues, 'poolSize', options.poolSize);
  const conductor = resolveConductorSettings(options, env, issues);
  if (issues.length > 0) throw new ConfigurationError(issues);

  const database: ResolvedOptions['database'] =
    options.databaseUrl !== undefined
      ? { kind: 'postgres', url: options.databaseUrl, poolSize: options.poolSize ?? 10 }
      : options.dataDir !== undefined
        ? { kind: 'pglite', dataDir: options.dataDir }
        : { kind: 'pglite-instance', instance: options.pglite as PGliteInstance };
  return {
    appName: options.appName,
    database,
    schema,
    executorId: options.executorId ?? (conductor === undefined ? 'local' : randomUUID()),
    applicationVersion: options.applicationVersion,
    logger: options.logger ?? silentLogger,
    maxRecoveryAttempts: options.maxRecoveryAttempts ?? 100,
    queuePollIntervalMs: options.queuePollIntervalMs ?? 1000,
    schedulePollIntervalMs: options.schedulePollIntervalMs ?? 10_000,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    conductor,
  };
}
