import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database under .data and port 8090 on loopback', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8090 });
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
});
