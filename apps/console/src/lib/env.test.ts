import { describe, expect, it } from 'vitest';
import { conductorUrlOf, readServerEnv } from './env';

describe('conductorUrlOf', () => {
  it('derives ws:// from the control plane URL', () => {
    const env = readServerEnv({ PODIUM_CONTROL_PLANE_URL: 'http://10.0.0.5:8090' });
    expect(conductorUrlOf(env)).toBe('ws://10.0.0.5:8090');
  });

  it('keeps TLS and a path prefix', () => {
    const env = readServerEnv({ PODIUM_CONTROL_PLANE_URL: 'https://podium.example/cp/' });
    expect(conductorUrlOf(env)).toBe('wss://podium.example/cp');
  });

  it('prefers PODIUM_CONDUCTOR_URL when set', () => {
    const env = readServerEnv({
      PODIUM_CONTROL_PLANE_URL: 'http://127.0.0.1:8090',
      PODIUM_CONDUCTOR_URL: 'wss://executors.example/conductor/v1alpha1/',
    });
    expect(conductorUrlOf(env)).toBe('wss://executors.example/conductor/v1alpha1');
  });

  it('refuses a conductor URL that is not ws(s)', () => {
    expect(() => readServerEnv({ PODIUM_CONDUCTOR_URL: 'http://x' })).toThrow(
      /PODIUM_CONDUCTOR_URL/,
    );
  });
});

describe('readServerEnv', () => {
  it("gives the server's variables their defaults", () => {
    expect(readServerEnv({})).toEqual({
      HOST: '127.0.0.1',
      PORT: 3000,
      PODIUM_CONTROL_PLANE_URL: 'http://127.0.0.1:8090',
      PODIUM_EXECUTOR_BASE_PATH: '/conductor/v1alpha1',
    });
  });

  it('refuses URLs that carry credentials, without echoing them', () => {
    for (const name of ['PODIUM_CONTROL_PLANE_URL', 'PODIUM_CONDUCTOR_URL']) {
      const scheme = name === 'PODIUM_CONDUCTOR_URL' ? 'wss' : 'https';
      const read = () => readServerEnv({ [name]: `${scheme}://admin:s3cret@podium.example` });
      expect(read, name).toThrow(new RegExp(name));
      expect(read, name).toThrow(/must not carry a user name or password/);
      expect(read, name).not.toThrow(/s3cret/);
    }
  });

  it('names a URL it cannot parse', () => {
    expect(() => readServerEnv({ PODIUM_CONTROL_PLANE_URL: '127.0.0.1:8090' })).toThrow(
      /Invalid console environment[\s\S]*PODIUM_CONTROL_PLANE_URL/,
    );
  });

  it('names a bad port', () => {
    expect(() => readServerEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
