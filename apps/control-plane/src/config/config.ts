import path from 'node:path';
import type { z } from 'zod';
import type { DatabaseTarget } from '@podium/db';
import type { LogFormatSetting } from '../common/logging/log-format';
import { EnvSchema, REPLICA_MODE_NEEDS_POSTGRES } from './env.schema';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Fastify `trustProxy`: whose X-Forwarded-For is believed for the client address. */
    readonly trustProxy: boolean | number | string;
    /** Socket timeouts (`common/http/connection-timeouts.ts`). */
    readonly timeouts: HttpTimeouts;
  };
  readonly database: DatabaseTarget;
  /** Replica mode when set (with PostgreSQL); null: this process runs alone. */
  readonly redis: RedisTarget | null;
  readonly replica: {
    /** A replica that has not renewed its lease for this long is dead to the others. */
    readonly leaseSeconds: number;
  };
  readonly logLevel: z.infer<typeof EnvSchema>['PODIUM_LOG_LEVEL'];
  /** How main.ts's logger writes (tests bring their own logger); absent means `auto`. */
  readonly logFormat?: LogFormatSetting;
  readonly executors: {
    readonly basePath: string;
    readonly maxFrameBytes: number;
    /** Most links per application, every replica's together (0: no limit; ExecutorLinkQuota). */
    readonly maxLinksPerApp: number;
    readonly requestTimeoutMs: number;
    readonly pingIntervalMs: number;
    /** Period of the dead-executor recovery sweep (see ExecutorRecoveryService). */
    readonly recoverySweepMs: number;
  };
  readonly lastKnown: LastKnownSettings;
  readonly workflowSearch: WorkflowSearchSettings;
  readonly retention: {
    /** Period of the retention pushes (see RetentionSchedule). */
    readonly intervalMs: number;
    /** Per-executor timeout of one push. */
    readonly pushTimeoutMs: number;
  };
  /** Period of the audit log's retention sweep, on the coordinator only (AuditRetention). */
  readonly auditRetentionSweepMs: number;
  readonly appMetrics: {
    /** Period of the metrics history collection, on the coordinator only (AppMetricsCollector). */
    readonly collectMs: number;
    /** How long collected buckets are kept. */
    readonly retentionMs: number;
  };
  /** What one organization may hold at once (0: no limit; see createWithinQuota). */
  readonly quotas: {
    readonly applicationsPerOrg: number;
    /** Unrevoked and unexpired ones. */
    readonly liveApiKeysPerOrg: number;
    readonly alertRulesPerOrg: number;
    /** The organization's and its applications' together. */
    readonly alertWebhooksPerOrg: number;
    readonly customRolesPerOrg: number;
    /** Unrevoked, unexpired and with uses left. */
    readonly usableJoinSecretsPerOrg: number;
  };
  readonly alerts: {
    /** Period of alert-rule evaluation, on the coordinator only (see AlertEvaluator). */
    readonly evaluationMs: number;
    /** One webhook attempt's limit (connect, send and the answer). */
    readonly webhookTimeoutMs: number;
    /** Attempts per webhook delivery, the first included. */
    readonly webhookMaxAttempts: number;
    /** Wait before the first retry; each next one waits twice as long. */
    readonly webhookRetryBaseMs: number;
    /** Period of the coordinator's look for deliveries a stopped process abandoned. */
    readonly webhookResumeSweepMs: number;
    /** Webhooks may target private, loopback and link-local addresses (refused by default). */
    readonly webhookAllowPrivate: boolean;
  };
  readonly live: {
    /** How often open live streams re-authorize their caller (see LiveAccessWatch). */
    readonly recheckMs: number;
    readonly maxStreamsPerCaller: number;
  };
  readonly metrics: {
    /** Bearer token `GET /metrics` requires (PODIUM_METRICS_TOKEN); null: open, like /healthz. */
    readonly token: string | null;
  };
  readonly accounts: {
    /** `invite`: sign-up needs a join secret, except for the installation's first account. */
    readonly signUp: 'open' | 'invite';
    /** Sign-up emails are verified upstream: domain claims admit new accounts (see env). */
    readonly trustSignUpEmails: boolean;
    /** Lookups of API keys not seen valid lately, per client address and minute (0: none). */
    readonly unknownApiKeysPerMinute: number;
  };
  readonly sessions: {
    /** HS256 key for access tokens; null: generated once and kept in `secretFile`. */
    readonly secret: string | null;
    readonly secretFile: string;
    /** Cookies are `Secure` (HTTPS only) in production. */
    readonly secureCookies: boolean;
  };
}

/** The last-known index's bounds and sync period (see LastKnownIndex, LastKnownSync). */
export interface LastKnownSettings {
  /** Rows kept per application: the newest workflows by creation time. 0 keeps none. */
  readonly maxRowsPerApp: number;
  /** A workflow no executor has reported for this long is dropped. */
  readonly maxAgeMs: number;
  /** Period of the sync that asks executors for recently started or changed workflows. */
  readonly syncMs: number;
}

/** How a search without `limit` is answered (see WorkflowsService.searchWorkflows). */
export interface WorkflowSearchSettings {
  /** Most workflows such a search returns; more matches are refused. */
  readonly maxResults: number;
  /** Workflows per request to the executor while reading them. */
  readonly pageSize: number;
  /** Most bytes of inputs and outputs one answer loads (any list or search asking for them). */
  readonly maxPayloadBytes: number;
}

export interface RedisTarget {
  readonly url: string;
  /**
   * Prefix of every Redis key and channel this deployment uses (PODIUM_REDIS_NAMESPACE,
   * `podium`): replicas of one deployment share it; tests give each their own.
   */
  readonly namespace: string;
}

export interface HttpTimeouts {
  /** To receive a request's headers. */
  readonly headersMs: number;
  /** To receive a whole request (headers and body); not its handling. */
  readonly requestMs: number;
  /** Silence allowed on a connection with no request in progress. */
  readonly idleMs: number;
}

/** Injection token for the validated configuration. */
export const CONFIG = Symbol('Config');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment into typed config, or throws one error listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      trustProxy: parseTrustProxy(env.PODIUM_TRUST_PROXY),
      timeouts: {
        headersMs: env.PODIUM_HTTP_HEADERS_TIMEOUT_MS,
        requestMs: env.PODIUM_HTTP_REQUEST_TIMEOUT_MS,
        idleMs: env.PODIUM_HTTP_IDLE_TIMEOUT_MS,
      },
    },
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(env.PODIUM_DATA_DIR, 'pglite') },
    redis: env.REDIS_URL ? { url: env.REDIS_URL, namespace: env.PODIUM_REDIS_NAMESPACE } : null,
    replica: { leaseSeconds: env.PODIUM_REPLICA_LEASE_SECONDS },
    logLevel: env.PODIUM_LOG_LEVEL,
    logFormat: env.PODIUM_LOG_FORMAT,
    executors: {
      basePath: env.PODIUM_EXECUTOR_BASE_PATH,
      maxFrameBytes: env.PODIUM_EXECUTOR_MAX_FRAME_BYTES,
      maxLinksPerApp: env.PODIUM_EXECUTOR_MAX_LINKS_PER_APP,
      requestTimeoutMs: env.PODIUM_EXECUTOR_REQUEST_TIMEOUT_MS,
      pingIntervalMs: env.PODIUM_EXECUTOR_PING_INTERVAL_MS,
      recoverySweepMs: env.PODIUM_EXECUTOR_RECOVERY_SWEEP_MS,
    },
    lastKnown: {
      maxRowsPerApp: env.PODIUM_LAST_KNOWN_MAX_ROWS,
      maxAgeMs: env.PODIUM_LAST_KNOWN_MAX_AGE_DAYS * 86_400_000,
      syncMs: env.PODIUM_LAST_KNOWN_SYNC_MS,
    },
    workflowSearch: {
      maxResults: env.PODIUM_WORKFLOW_SEARCH_MAX_RESULTS,
      pageSize: env.PODIUM_WORKFLOW_SEARCH_PAGE_SIZE,
      maxPayloadBytes: env.PODIUM_WORKFLOW_PAYLOADS_MAX_BYTES,
    },
    retention: {
      intervalMs: env.PODIUM_RETENTION_INTERVAL_MS,
      pushTimeoutMs: env.PODIUM_RETENTION_PUSH_TIMEOUT_MS,
    },
    auditRetentionSweepMs: env.PODIUM_AUDIT_RETENTION_SWEEP_MS,
    appMetrics: {
      collectMs: env.PODIUM_METRICS_HISTORY_COLLECT_MS,
      retentionMs: env.PODIUM_METRICS_HISTORY_DAYS * 86_400_000,
    },
    quotas: {
      applicationsPerOrg: env.PODIUM_ORG_MAX_APPLICATIONS,
      liveApiKeysPerOrg: env.PODIUM_ORG_MAX_API_KEYS,
      alertRulesPerOrg: env.PODIUM_ORG_MAX_ALERT_RULES,
      alertWebhooksPerOrg: env.PODIUM_ORG_MAX_ALERT_WEBHOOKS,
      customRolesPerOrg: env.PODIUM_ORG_MAX_ROLES,
      usableJoinSecretsPerOrg: env.PODIUM_ORG_MAX_JOIN_SECRETS,
    },
    alerts: {
      evaluationMs: env.PODIUM_ALERT_EVALUATION_MS,
      webhookTimeoutMs: env.PODIUM_ALERT_WEBHOOK_TIMEOUT_MS,
      webhookMaxAttempts: env.PODIUM_ALERT_WEBHOOK_MAX_ATTEMPTS,
      webhookRetryBaseMs: env.PODIUM_ALERT_WEBHOOK_RETRY_BASE_MS,
      webhookResumeSweepMs: env.PODIUM_ALERT_WEBHOOK_RESUME_SWEEP_MS,
      webhookAllowPrivate: env.PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE,
    },
    live: {
      recheckMs: env.PODIUM_LIVE_RECHECK_MS,
      maxStreamsPerCaller: env.PODIUM_LIVE_MAX_STREAMS_PER_CALLER,
    },
    metrics: { token: env.PODIUM_METRICS_TOKEN ?? null },
    accounts: {
      signUp: env.PODIUM_SIGNUP,
      trustSignUpEmails: env.PODIUM_TRUST_SIGN_UP_EMAILS,
      unknownApiKeysPerMinute: env.PODIUM_UNKNOWN_API_KEYS_PER_MINUTE,
    },
    sessions: {
      secret: env.PODIUM_SESSION_SECRET ?? null,
      secretFile: path.resolve(env.PODIUM_DATA_DIR, 'session-secret'),
      secureCookies: env.NODE_ENV === 'production',
    },
  };
}

/**
 * Refuses what cannot run, whoever built the config (the environment, or a test's literal):
 * replicas share PostgreSQL, and PGlite is one process's.
 */
export function assertDeployable(config: Config): void {
  if (config.redis && config.database.kind === 'pglite') {
    throw new ConfigError(`Invalid configuration:\n  REDIS_URL: ${REPLICA_MODE_NEEDS_POSTGRES}`);
  }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
