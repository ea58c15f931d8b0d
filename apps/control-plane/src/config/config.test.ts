import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, assertDeployable, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database under .data and port 8090 on loopback', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({
      host: '127.0.0.1',
      port: 8090,
      trustProxy: 'loopback',
      timeouts: { headersMs: 15_000, requestMs: 60_000, idleMs: 72_000 },
    });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('.data', 'pglite') });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const url = 'postgresql://postgres@127.0.0.1:5432/podium';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
  });

  it('lists every invalid variable in one error', () => {
    const load = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PODIUM_LOG_LEVEL: 'loud' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*PODIUM_LOG_LEVEL/);
  });

  it('requires a session secret of 32+ characters in production only', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PODIUM_SESSION_SECRET/);
    expect(() => loadConfig({ PODIUM_SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    const secret = 'x'.repeat(32);
    const production = loadConfig({ NODE_ENV: 'production', PODIUM_SESSION_SECRET: secret });
    expect(production.sessions).toMatchObject({ secret, secureCookies: true });
  });

  it('keeps a generated development session secret under the data dir', () => {
    expect(loadConfig({ PODIUM_DATA_DIR: '/var/podium' }).sessions).toEqual({
      secret: null,
      secretFile: path.resolve('/var/podium', 'session-secret'),
      secureCookies: false,
    });
  });

  it('sweeps for dead executors every 30 s unless told otherwise', () => {
    expect(loadConfig({}).executors.recoverySweepMs).toBe(30_000);
    const fast = loadConfig({ PODIUM_EXECUTOR_RECOVERY_SWEEP_MS: '500' });
    expect(fast.executors.recoverySweepMs).toBe(500);
    expect(() => loadConfig({ PODIUM_EXECUTOR_RECOVERY_SWEEP_MS: '10' })).toThrow(
      /PODIUM_EXECUTOR_RECOVERY_SWEEP_MS/,
    );
  });

  it('bounds the last-known index to 10,000 rows per app and 7 days unless told otherwise', () => {
    expect(loadConfig({}).lastKnown).toEqual({
      maxRowsPerApp: 10_000,
      maxAgeMs: 7 * 86_400_000,
      syncMs: 60_000,
    });
    const tight = loadConfig({
      PODIUM_LAST_KNOWN_MAX_ROWS: '0',
      PODIUM_LAST_KNOWN_MAX_AGE_DAYS: '0.5',
      PODIUM_LAST_KNOWN_SYNC_MS: '1000',
    });
    expect(tight.lastKnown).toEqual({ maxRowsPerApp: 0, maxAgeMs: 43_200_000, syncMs: 1_000 });
    expect(() => loadConfig({ PODIUM_LAST_KNOWN_MAX_ROWS: '-1' })).toThrow(
      /PODIUM_LAST_KNOWN_MAX_ROWS/,
    );
  });

  it('answers a search without limit with up to 10,000 workflows, read 1,000 at a time', () => {
    expect(loadConfig({}).workflowSearch).toEqual({
      maxResults: 10_000,
      pageSize: 1_000,
      maxPayloadBytes: 64 * 1024 * 1024,
    });
    expect(
      loadConfig({
        PODIUM_WORKFLOW_SEARCH_MAX_RESULTS: '50000',
        PODIUM_WORKFLOW_SEARCH_PAGE_SIZE: '200',
        PODIUM_WORKFLOW_PAYLOADS_MAX_BYTES: '1048576',
      }).workflowSearch,
    ).toEqual({ maxResults: 50_000, pageSize: 200, maxPayloadBytes: 1_048_576 });
    // No bigger than the largest page the API itself asks an executor for.
    expect(() => loadConfig({ PODIUM_WORKFLOW_SEARCH_PAGE_SIZE: '1001' })).toThrow(
      /PODIUM_WORKFLOW_SEARCH_PAGE_SIZE/,
    );
  });

  it('picks the log format by terminal unless PODIUM_LOG_FORMAT says json or pretty', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ PODIUM_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ PODIUM_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ PODIUM_LOG_FORMAT: 'yaml' })).toThrow(/PODIUM_LOG_FORMAT/);
  });

  it('keeps webhooks off private addresses unless PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE=true', () => {
    expect(loadConfig({}).alerts.webhookAllowPrivate).toBe(false);
    const allowed = loadConfig({ PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE: 'true' });
    expect(allowed.alerts.webhookAllowPrivate).toBe(true);
    expect(() => loadConfig({ PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      /PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE/,
    );
  });

  it('lets anyone sign up unless PODIUM_SIGNUP=invite', () => {
    expect(loadConfig({}).accounts.signUp).toBe('open');
    expect(loadConfig({ PODIUM_SIGNUP: 'invite' }).accounts.signUp).toBe('invite');
    expect(() => loadConfig({ PODIUM_SIGNUP: 'closed' })).toThrow(/PODIUM_SIGNUP/);
  });

  it('reads the HTTP timeouts, and refuses a headers timeout longer than the request timeout', () => {
    const timeouts = loadConfig({
      PODIUM_HTTP_HEADERS_TIMEOUT_MS: '5000',
      PODIUM_HTTP_REQUEST_TIMEOUT_MS: '20000',
      PODIUM_HTTP_IDLE_TIMEOUT_MS: '30000',
    }).http.timeouts;
    expect(timeouts).toEqual({ headersMs: 5_000, requestMs: 20_000, idleMs: 30_000 });
    expect(() =>
      loadConfig({
        PODIUM_HTTP_HEADERS_TIMEOUT_MS: '90000',
        PODIUM_HTTP_REQUEST_TIMEOUT_MS: '60000',
      }),
    ).toThrow(/PODIUM_HTTP_HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ PODIUM_HTTP_IDLE_TIMEOUT_MS: '0' })).toThrow(
      /PODIUM_HTTP_IDLE_TIMEOUT_MS/,
    );
  });

  it('reads PODIUM_TRUST_PROXY as a boolean, a hop count or a list', () => {
    expect(loadConfig({ PODIUM_TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    expect(loadConfig({ PODIUM_TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ PODIUM_TRUST_PROXY: '10.0.0.0/8' }).http.trustProxy).toBe('10.0.0.0/8');
  });

  it('runs alone without REDIS_URL, and as a replica with it and PostgreSQL', () => {
    const sharedSecret = 'a-session-secret-shared-by-every-replica';
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({}).replica).toEqual({ leaseSeconds: 15 });
    const replica = loadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/podium',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PODIUM_SESSION_SECRET: sharedSecret,
      PODIUM_REPLICA_LEASE_SECONDS: '6',
    });
    expect(replica.redis).toEqual({ url: 'redis://127.0.0.1:6379', namespace: 'podium' });
    const named = loadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/podium',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PODIUM_SESSION_SECRET: sharedSecret,
      PODIUM_REDIS_NAMESPACE: 'staging',
    });
    expect(named.redis?.namespace).toBe('staging');
    expect(() => loadConfig({ PODIUM_REDIS_NAMESPACE: 'a b' })).toThrow(/PODIUM_REDIS_NAMESPACE/);
    expect(replica.replica).toEqual({ leaseSeconds: 6 });
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  it('refuses replica mode without a shared session secret', () => {
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/podium',
        REDIS_URL: 'redis://127.0.0.1:6379',
      }),
    ).toThrow(/PODIUM_SESSION_SECRET: is required in replica mode/);
  });

  it('refuses REDIS_URL on the embedded database, from the environment or a literal config', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL: replica mode \(REDIS_URL\) needs PostgreSQL/,
    );
    const embedded = { ...loadConfig({}), redis: { url: 'redis://x:6379', namespace: 'p' } };
    expect(() => assertDeployable(embedded)).toThrow(ConfigError);
    expect(() => assertDeployable(loadConfig({}))).not.toThrow();
  });
});
