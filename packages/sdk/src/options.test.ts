import { describe, expect, it } from 'vitest';
import { ConfigurationError, PodiumError } from './errors';
import { resolveOptions } from './options';

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveOptions({ appName: 'shop', databaseUrl: 'postgresql://x/db' }, {});
    expect(resolved).toMatchObject({
      appName: 'shop',
      database: { kind: 'postgres', url: 'postgresql://x/db', poolSize: 10 },
      schema: 'podium',
      executorId: 'local',
      applicationVersion: undefined,
      maxRecoveryAttempts: 100,
      queuePollIntervalMs: 1000,
      schedulePollIntervalMs: 10_000,
      pollIntervalMs: 1000,
    });
  });

  it('selects PGlite from dataDir', () => {
    expect(resolveOptions({ appName: 'a', dataDir: 'memory://' }).database).toEqual({
      kind: 'pglite',
      dataDir: 'memory://',
    });
  });

  it('reports every problem in one ConfigurationError', () => {
    let caught: unknown;
    try {
      resolveOptions({
        appName: '',
        databaseUrl: 'postgresql://x/db',
        dataDir: 'memory://',
        schema: 'Bad-Name',
        maxRecoveryAttempts: 0,
        queuePollIntervalMs: 1.5,
        schedulePollIntervalMs: 0,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect(caught).toBeInstanceOf(PodiumError);
    const issues = (caught as ConfigurationError).issues;
    expect(issues).toHaveLength(6);
    expect((caught as ConfigurationError).code).toBe('CONFIGURATION');
  });

  it('requires a database', () => {
    expect(() => resolveOptions({ appName: 'a' })).toThrow(/exactly one of databaseUrl/);
  });
});

describe('resolveOptions: conductor', () => {
  const base = { appName: 'shop', databaseUrl: 'postgresql://x/db' };

  it('runs no agent without a key, and keeps the local executor id', () => {
    const resolved = resolveOptions(base, {});
    expect(resolved.conductor).toBeUndefined();
    expect(resolved.executorId).toBe('local');
  });

  it('reads CONDUCTOR_KEY and CONDUCTOR_URL, strips trailing slashes and redacts the key', () => {
    const resolved = resolveOptions(base, {
      CONDUCTOR_KEY: 'secret',
      CONDUCTOR_URL: 'wss://podium.example.com/conductor/v1alpha1//',
    });
    expect(resolved.conductor).toEqual({
      url: 'wss://podium.example.com/conductor/v1alpha1/websocket/shop/secret',
      redactedUrl: 'wss://podium.example.com/conductor/v1alpha1/websocket/shop/[REDACTED]',
      executorMetadata: undefined,
      requestLimits: { concurrent: 4, waiting: 1_000, maxWaitMs: 10_000 },
    });
    // A new executor per process, as with DBOS.
    expect(resolved.executorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('prefers the options to the environment, defaults the URL to a local control plane', () => {
    const resolved = resolveOptions(
      { ...base, conductorKey: 'mine', executorId: 'pod-1', conductorExecutorMetadata: { a: 1 } },
      { CONDUCTOR_KEY: 'theirs' },
    );
    expect(resolved.conductor).toMatchObject({
      url: 'ws://127.0.0.1:8090/conductor/v1alpha1/websocket/shop/mine',
      executorMetadata: { a: 1 },
    });
    expect(resolved.executorId).toBe('pod-1');
  });

  it('takes request limits for the agent, each defaulted alone, and refuses ones out of range', () => {
    const limited = resolveOptions(
      {
        ...base,
        conductorKey: 'k',
        conductorRequestLimits: { concurrent: 8, waiting: 0, maxWaitMs: undefined },
      },
      {},
    );
    expect(limited.conductor?.requestLimits).toEqual({
      concurrent: 8,
      waiting: 0,
      maxWaitMs: 10_000,
    });
    const bad = { concurrent: 0, waiting: -1, maxWaitMs: 1.5 };
    // Checked with a key or without (a key may come later from the environment).
    for (const key of ['k', undefined]) {
      expect(() =>
        resolveOptions({ ...base, conductorKey: key, conductorRequestLimits: bad }, {}),
      ).toThrow(
        expect.objectContaining({
          issues: [
            'conductorRequestLimits.concurrent must be a positive integer',
            'conductorRequestLimits.waiting must be a non-negative integer',
            'conductorRequestLimits.maxWaitMs must be a positive integer',
          ],
        }),
      );
    }
  });

  it('refuses URLs and names that would break the connection URL', () => {
    let caught: unknown;
    try {
      resolveOptions(
        {
          appName: 'my app',
          databaseUrl: 'postgresql://x/db',
          conductorKey: 'a/b',
          conductorUrl: 'http://podium.example.com',
          conductorExecutorMetadata: { big: 1n },
        },
        {},
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as ConfigurationError).issues).toEqual([
      'conductorExecutorMetadata must be a JSON-serialisable object',
      'conductorKey must be a non-empty string without /, ?, #, % or spaces',
      'appName must not contain /, ?, #, % or spaces when a conductor is configured',
      'conductorUrl must be a ws:// or wss:// URL (got "http://podium.example.com")',
    ]);
  });

  it('refuses executor metadata larger than the control plane takes', () => {
    const options = (tags: string) => ({
      appName: 'shop',
      databaseUrl: 'postgresql://x/db',
      conductorKey: 'mine',
      conductorExecutorMetadata: { tags },
    });
    // {"tags":"…"} is 11 characters besides the value.
    expect(() => resolveOptions(options('x'.repeat(64 * 1024 - 11)), {})).not.toThrow();
    expect(() => resolveOptions(options('x'.repeat(64 * 1024 - 10)), {})).toThrow(
      'conductorExecutorMetadata must be at most 65536 characters of JSON',
    );
  });
});
