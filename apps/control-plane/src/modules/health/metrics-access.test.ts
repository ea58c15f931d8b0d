import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../config/config';
import { MetricsAccess } from './metrics-access';

const withToken = (token: string | null) => new MetricsAccess({ metrics: { token } } as Config);

describe('MetricsAccess', () => {
  it('lets anyone scrape when no token is configured, like /healthz', () => {
    expect(() => withToken(null).assertAllowed(undefined)).not.toThrow();
  });

  it('wants the configured token as a Bearer token', () => {
    const access = withToken('a-metrics-token-of-length');
    expect(() => access.assertAllowed('Bearer a-metrics-token-of-length')).not.toThrow();
    expect(() => access.assertAllowed('bearer a-metrics-token-of-length')).not.toThrow();
    for (const refused of [undefined, '', 'a-metrics-token-of-length', 'Bearer other', 'Basic x']) {
      expect(() => access.assertAllowed(refused)).toThrow(AppError);
    }
  });
});
