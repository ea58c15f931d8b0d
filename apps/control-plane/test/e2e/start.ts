import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { DatabaseTarget } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { listeningUrl, startControlPlane } from '../../src/bootstrap';
import { REDACTED, REDACTED_LOG_PATHS } from '../../src/common/logging/redact';
import type { Config, RedisTarget } from '../../src/config/config';

export interface RunningControlPlane {
  readonly app: INestApplication<Server>;
  readonly url: string;
  /** The WebSocket base executors are given as their conductor URL (`ws://…/conductor/v1alpha1`). */
  readonly conductorUrl: string;
  /** Every log line the control plane wrote, as text. */
  readonly logs: string[];
  close(): Promise<void>;
}

export type ConfigOverrides = {
  executors?: Partial<Config['executors']>;
  live?: Partial<Config['live']>;
  lastKnown?: Partial<Config['lastKnown']>;
  workflowSearch?: Partial<Config['workflowSearch']>;
  retention?: Partial<Config['retention']>;
  alerts?: Partial<Config['alerts']>;
  quotas?: Partial<Config['quotas']>;
  appMetrics?: Partial<Config['appMetrics']>;
  accounts?: Partial<Config['accounts']>;
  metrics?: Partial<Config['metrics']>;
  httpTimeouts?: Partial<Config['http']['timeouts']>;
  /** Replica mode: replicas given the same target (namespace) form one deployment. */
  redis?: RedisTarget;
  replica?: Partial<Config['replica']>;
};

/** A control plane and the scratch PostgreSQL database it runs on. */
export interface PostgresControlPlane {
  readonly scratch: ScratchDatabase;
  readonly server: RunningControlPlane;
}

/**
 * A control plane on a scratch PostgreSQL database for the tests of one file: started before
 * them (before the file's own `beforeAll` hooks registered after this call), closed and its
 * database dropped after them (after the file's `afterAll` hooks: Vitest runs those in reverse).
 * Read its parts in hooks and tests, not at registration time.
 */
export function usePostgresControlPlane(overrides: ConfigOverrides = {}): PostgresControlPlane {
  const stack: { scratch?: ScratchDatabase; server?: RunningControlPlane } = {};
  beforeAll(async () => {
    stack.scratch = await createScratchDatabase();
    stack.server = await startTestControlPlane(
      { kind: 'postgres', url: stack.scratch.url },
      overrides,
    );
  });
  afterAll(async () => {
    await stack.server?.close();
    await stack.scratch?.drop();
  });
  return {
    get scratch() {
      if (!stack.scratch) throw new Error('the control plane is not started yet');
      return stack.scratch;
    },
    get server() {
      if (!stack.server) throw new Error('the control plane is not started yet');
      return stack.server;
    },
  };
}

/** A real control plane on an ephemeral loopback port, logging (debug) into memory. */
export async function startTestControlPlane(
  database: DatabaseTarget,
  overrides: ConfigOverrides = {},
): Promise<RunningControlPlane> {
  const config: Config = {
    env: 'test',
    // Loopback is trusted so tests can play several clients (X-Forwarded-For) for rate limits.
    http: {
      host: '127.0.0.1',
      port: 0,
      trustProxy: 'loopback',
      timeouts: { headersMs: 15_000, requestMs: 60_000, idleMs: 72_000, ...overrides.httpTimeouts },
    },
    database,
    redis: overrides.redis ?? null,
    replica: { leaseSeconds: 15, ...overrides.replica },
    logLevel: 'debug',
    executors: {
      basePath: '/conductor/v1alpha1',
      maxFrameBytes: 1024 * 1024,
      maxLinksPerApp: 1_000,
      requestTimeoutMs: 5_000,
      pingIntervalMs: 20_000,
      recoverySweepMs: 30_000,
      ...overrides.executors,
    },
    lastKnown: {
      maxRowsPerApp: 10_000,
      maxAgeMs: 7 * 86_400_000,
      syncMs: 60_000,
      ...overrides.lastKnown,
    },
    workflowSearch: {
      maxResults: 10_000,
      pageSize: 1_000,
      maxPayloadBytes: 64 * 1024 * 1024,
      ...overrides.workflowSearch,
    },
    retention: { intervalMs: 300_000, pushTimeoutMs: 30_000, ...overrides.retention },
    live: { recheckMs: 60_000, maxStreamsPerCaller: 16, ...overrides.live },
    metrics: { token: null, ...overrides.metrics },
    auditRetentionSweepMs: 3_600_000,
    appMetrics: { collectMs: 60_000, retentionMs: 30 * 86_400_000, ...overrides.appMetrics },
    quotas: {
      applicationsPerOrg: 1_000,
      liveApiKeysPerOrg: 1_000,
      alertRulesPerOrg: 1_000,
      alertWebhooksPerOrg: 100,
      customRolesPerOrg: 100,
      usableJoinSecretsPerOrg: 100,
      ...overrides.quotas,
    },
    alerts: {
      evaluationMs: 30_000,
      webhookTimeoutMs: 5_000,
      webhookMaxAttempts: 5,
      webhookRetryBaseMs: 2_000,
      webhookResumeSweepMs: 10_000,
      webhookAllowPrivate: false,
      ...overrides.alerts,
    },
    accounts: {
      signUp: 'open',
      trustSignUpEmails: false,
      unknownApiKeysPerMinute: 60,
      ...overrides.accounts,
    },
    sessions: {
      secret: 'test-session-secret-that-is-long-enough',
      secretFile: '',
      secureCookies: false,
    },
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = pino(
    { level: 'debug', redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED } },
    sink,
  );
  const app = await startControlPlane(config, logger);
  const url = listeningUrl(app);
  const conductorUrl = `${url.replace('http', 'ws')}${config.executors.basePath}`;
  return { app, url, conductorUrl, logs, close: () => app.close() };
}
