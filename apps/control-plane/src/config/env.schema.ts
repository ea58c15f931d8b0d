import { DEFAULT_EXECUTOR_BASE_PATH, MAX_WORKFLOW_PAGE_LIMIT } from '@podium/protocol';
import { z } from 'zod';
import { LOG_FORMATS } from '../common/logging/log-format';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Why replica mode refuses the embedded database (here and in `assertDeployable`). */
export const REPLICA_MODE_NEEDS_POSTGRES =
  'replica mode (REDIS_URL) needs PostgreSQL (DATABASE_URL): the embedded PGlite database is single-process';

/** Every environment variable the control plane reads. Validated once, at boot. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(1).max(65535).default(8090),
    /** PostgreSQL connection string. Unset: the embedded PGlite database under PODIUM_DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
      .optional(),
    PODIUM_DATA_DIR: z.string().min(1).default('.data'),
    /**
     * Redis connection string. Set (with DATABASE_URL): replica mode, any number of control
     * planes on one database, commands routed and events shared through Redis. Unset: one
     * process alone (in-process event bus, in-memory rate limits).
     */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// (or rediss://) connection string')
      .optional(),
    /**
     * Prefix of every Redis key and channel: replicas of one deployment share it; another
     * deployment (or a test run) on the same Redis takes its own.
     */
    PODIUM_REDIS_NAMESPACE: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - (at most 64)')
      .default('podium'),
    /** A replica that has not renewed its lease for this long is dead to the others. */
    PODIUM_REPLICA_LEASE_SECONDS: z.coerce.number().int().min(3).max(3_600).default(15),
    PODIUM_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** `json` lines, `pretty` readable lines, or `auto`: pretty when stdout is a terminal. */
    PODIUM_LOG_FORMAT: z.enum(LOG_FORMATS).default('auto'),
    /**
     * Executors connect to `<base>/websocket/<app>/<key>`; DBOS-style conductor URLs
     * end in /conductor/v1alpha1. `/websocket/...` at the root is always accepted too.
     */
    PODIUM_EXECUTOR_BASE_PATH: z
      .string()
      .regex(/^(\/[\w.-]+)*$/, 'must look like /conductor/v1alpha1 (or be empty)')
      .default(DEFAULT_EXECUTOR_BASE_PATH),
    /** Largest frame an executor may send (listings with inputs and outputs can be big). */
    PODIUM_EXECUTOR_MAX_FRAME_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024),
    /**
     * Most executor links one application may hold across every replica (0: no limit), so one
     * runaway deploy or leaked key cannot exhaust the control plane for every tenant.
     */
    PODIUM_EXECUTOR_MAX_LINKS_PER_APP: z.coerce.number().int().min(0).default(1_000),
    /** How long a command may wait for an executor's answer. */
    PODIUM_EXECUTOR_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    /** Ping period; a link silent for two periods is dropped. */
    PODIUM_EXECUTOR_PING_INTERVAL_MS: z.coerce.number().int().min(100).default(20_000),
    /**
     * How often dead-executor recovery sweeps: declares overdue disconnected executors dead and
     * retries recoveries still pending (each disconnection also has its own timer).
     */
    PODIUM_EXECUTOR_RECOVERY_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
    /**
     * The last-known index (workflow metadata served when no executor of an app is connected):
     * rows kept per application (the newest by creation time), and how long a workflow no
     * executor has reported since is kept.
     */
    PODIUM_LAST_KNOWN_MAX_ROWS: z.coerce.number().int().min(0).default(10_000),
    PODIUM_LAST_KNOWN_MAX_AGE_DAYS: z.coerce.number().min(0).default(7),
    /** How often one replica asks a connected executor of each app for recent changes. */
    PODIUM_LAST_KNOWN_SYNC_MS: z.coerce.number().int().min(100).default(60_000),
    /**
     * `POST .../workflows/search` without `limit` answers every match up to this many; more is a
     * 422 TOO_MANY_RESULTS problem (the caller pages with `limit`/`offset` or narrows the search).
     */
    PODIUM_WORKFLOW_SEARCH_MAX_RESULTS: z.coerce.number().int().min(1).default(10_000),
    /** Workflows per request to the executor while answering such a search. */
    PODIUM_WORKFLOW_SEARCH_PAGE_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_WORKFLOW_PAGE_LIMIT)
      .default(MAX_WORKFLOW_PAGE_LIMIT),
    /**
     * Most bytes of workflow inputs and outputs one answer loads (`loadInput`/`loadOutput` on a
     * list or search); more is a 422 PAYLOADS_TOO_LARGE problem rather than held in memory.
     */
    PODIUM_WORKFLOW_PAYLOADS_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(64 * 1024 * 1024),
    /**
     * How often the coordinator pushes retention settings (a `retention` message) to one
     * connected executor of each application with a threshold set; also pushed at each change.
     */
    PODIUM_RETENTION_INTERVAL_MS: z.coerce.number().int().min(1_000).default(300_000),
    /**
     * How long one retention push waits for an executor's answer before trying another
     * (Python executors run the round before answering).
     */
    PODIUM_RETENTION_PUSH_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    /** How often one replica deletes audit entries past their organization's retention. */
    PODIUM_AUDIT_RETENTION_SWEEP_MS: z.coerce.number().int().min(1_000).default(3_600_000),
    /**
     * How often the coordinator asks a connected executor of each application for the
     * completed minutes' counts of the metrics history (`get_metrics`).
     */
    PODIUM_METRICS_HISTORY_COLLECT_MS: z.coerce.number().int().min(1_000).default(60_000),
    /** How long the per-application metrics history (`GET .../apps/{app}/metrics`) is kept. */
    PODIUM_METRICS_HISTORY_DAYS: z.coerce.number().min(1).default(30),
    /**
     * How often alert rules are evaluated (by one replica: the recovery coordinator). Executor
     * deaths and failed recoveries fire their rules at once, whatever the period.
     */
    PODIUM_ALERT_EVALUATION_MS: z.coerce.number().int().min(100).default(30_000),
    /** One webhook attempt's limit (connect, send and the receiver's answer). */
    PODIUM_ALERT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Attempts per webhook delivery (the first included), with exponential backoff. */
    PODIUM_ALERT_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    /** Wait before a webhook's first retry; each next retry waits twice as long. */
    PODIUM_ALERT_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
    /** How often the coordinator resumes webhook deliveries a stopped process left mid-way. */
    PODIUM_ALERT_WEBHOOK_RESUME_SWEEP_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * Whether webhooks may target private, loopback and link-local addresses (by address or by a
     * name resolving to one). Off by default: any account may add a webhook, and the control
     * plane would POST into the operator's own network. Turn on for receivers inside it.
     */
    PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /**
     * How often open live streams (server-sent events) re-check that their caller may still
     * read the application; revocations, sign-outs and member removals end them at once anyway.
     */
    PODIUM_LIVE_RECHECK_MS: z.coerce.number().int().min(100).default(60_000),
    /**
     * What one organization may hold at once (0: no limit): applications, live (unrevoked,
     * unexpired) API keys, alerting rules, alert webhooks, custom roles and usable join secrets.
     * Past it a creation is refused (409 QUOTA_EXCEEDED).
     */
    PODIUM_ORG_MAX_APPLICATIONS: z.coerce.number().int().min(0).default(1_000),
    PODIUM_ORG_MAX_API_KEYS: z.coerce.number().int().min(0).default(1_000),
    PODIUM_ORG_MAX_ALERT_RULES: z.coerce.number().int().min(0).default(1_000),
    /** Fewer: every alert is POSTed to each webhook it concerns. */
    PODIUM_ORG_MAX_ALERT_WEBHOOKS: z.coerce.number().int().min(0).default(100),
    /** Custom roles: each is checked on its members' every request. */
    PODIUM_ORG_MAX_ROLES: z.coerce.number().int().min(0).default(100),
    /** Usable join secrets (unrevoked, unexpired, uses left): open invitations into the org. */
    PODIUM_ORG_MAX_JOIN_SECRETS: z.coerce.number().int().min(0).default(100),
    /** Live streams one caller (a user or an API key) may hold open at once. */
    PODIUM_LIVE_MAX_STREAMS_PER_CALLER: z.coerce.number().int().min(1).default(16),
    /**
     * Signs console access tokens (HS256). Required in production; in development a random one
     * is generated once and kept in PODIUM_DATA_DIR/session-secret so restarts keep sessions.
     */
    PODIUM_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * Which peers may set X-Forwarded-For: the client address drives the sign-in and API key
     * limits, and the console's server is such a peer. Default: loopback only (the console on the
     * same host); behind a load balancer or on another host, name its address or subnet. Anything
     * trusted can claim any client address, so never trust a whole network that clients share.
     * `true`, `false`, a hop count, or a comma-separated list of addresses, subnets or the names
     * loopback, linklocal, uniquelocal (Fastify's `trustProxy`, i.e. proxy-addr).
     */
    PODIUM_TRUST_PROXY: z.string().min(1).default('loopback'),
    /**
     * Who may sign up: `open` (anyone), or `invite` (only with a join secret, which makes the
     * newcomer a member of its organization; the installation's first account needs none).
     */
    PODIUM_SIGNUP: z.enum(['open', 'invite']).default('open'),
    /**
     * Lookups of API keys a replica has not seen valid in the last ten minutes that one client
     * address may have a minute, over HTTP and executor upgrades together (0: no limit). Past it
     * such a key is refused (429) without a lookup: guessing keys cannot turn into database
     * reads. Replicas count together (Redis); keys seen valid lately still pass.
     */
    PODIUM_UNKNOWN_API_KEYS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
    /**
     * `true` only when every sign-up's email has been verified before it reaches Podium (e.g. an
     * identity-aware proxy in front of the console): Podium itself does not verify that a new
     * account owns its email, so only then may a domain claim admit new accounts. Otherwise
     * claims are recorded as `pending` and admit nobody (anyone could sign up as
     * `someone@<claimed domain>` and join as Operator).
     */
    PODIUM_TRUST_SIGN_UP_EMAILS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /**
     * When set, `GET /metrics` (this process's Prometheus metrics) answers only requests with
     * `Authorization: Bearer <this token>`; unset, it is open like /healthz. Set it when clients
     * you do not trust can reach the control plane (the console forwards `/api/*` to it).
     */
    PODIUM_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** How long a client may take to send a request's headers, from its first byte. */
    PODIUM_HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    /**
     * How long a client may take to send a whole request, headers and body (at least the headers
     * timeout). Handling the request is not counted: slow executor commands are not cut.
     */
    PODIUM_HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    /**
     * A connection with no request in progress (a new one that sends nothing, a keep-alive one
     * between requests) is closed after this long. Longer than the 60 s idle timeout of common
     * load balancers, so they close first. SSE streams and executor WebSockets are exempt.
     */
    PODIUM_HTTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(72_000),
  })
  .superRefine((env, ctx) => {
    if (env.PODIUM_HTTP_HEADERS_TIMEOUT_MS > env.PODIUM_HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['PODIUM_HTTP_HEADERS_TIMEOUT_MS'],
        message: 'must not exceed PODIUM_HTTP_REQUEST_TIMEOUT_MS (headers are part of the request)',
      });
    }
    if (env.REDIS_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: REPLICA_MODE_NEEDS_POSTGRES,
      });
    }
    if (env.REDIS_URL && !env.PODIUM_SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['PODIUM_SESSION_SECRET'],
        message:
          'is required in replica mode (REDIS_URL): every replica must sign sessions with the same key',
      });
    }
    if (env.NODE_ENV === 'production' && !env.PODIUM_SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['PODIUM_SESSION_SECRET'],
        message: 'is required when NODE_ENV=production (at least 32 random characters)',
      });
    }
  });
export type Env = z.infer<typeof EnvSchema>;
