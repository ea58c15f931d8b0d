import { describe, expect, it } from 'vitest';
import { ConfigurationError, PodiumError } from './errors';
import { resolveOptions } from './options';

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveOptions({ appName: 'shop', databaseUrl: 'postgresql://x/db' });
    expect(resolved).toMatchObject({
      appName: 'shop',
      database: { kind: 'postgres', url: 'postgresql://x/db', poolSize: 10 },
      schema: 'podium',
      executorId: 'local',
      applicationVersion: undefined,
      maxRecoveryAttempts: 100,
      queuePollIntervalMs: 1000,
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
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect(caught).toBeInstanceOf(PodiumError);
    const issues = (caught as ConfigurationError).issues;
    expect(issues).toHaveLength(5);
    expect((caught as ConfigurationError).code).toBe('CONFIGURATION');
  });

  it('requires a database', () => {
    expect(() => resolveOptions({ appName: 'a' })).toThrow(/exactly one of databaseUrl/);
  });
});
