import { describe, expect, it } from 'vitest';
import { parseExecutorPath } from './executor-path';

describe('parseExecutorPath', () => {
  const base = '/conductor/v1alpha1';

  it('reads DBOS-style URLs under the base path and at the root', () => {
    expect(parseExecutorPath('/conductor/v1alpha1/websocket/billing/pdm_x', base)).toEqual({
      appName: 'billing',
      apiKey: 'pdm_x',
    });
    expect(parseExecutorPath('/websocket/billing/pdm_x', base)).toEqual({
      appName: 'billing',
      apiKey: 'pdm_x',
    });
    expect(parseExecutorPath('/websocket/billing/pdm_x/', '')).toEqual({
      appName: 'billing',
      apiKey: 'pdm_x',
    });
  });

  it('reads application names up to 256 characters', () => {
    const longest = `a${'-'.repeat(254)}z`;
    expect(parseExecutorPath(`/websocket/${longest}/k`, '')?.appName).toBe(longest);
    expect(parseExecutorPath(`/websocket/${longest}z/k`, '')).toBeNull();
  });

  it('refuses other paths and bad app names', () => {
    expect(parseExecutorPath('/other/websocket/a/b', base)).toBeNull();
    expect(parseExecutorPath('/websocket/billing', base)).toBeNull();
    expect(parseExecutorPath('/websocket/bil%20ling/key', base)).toBeNull();
    expect(parseExecutorPath('/websocket/a/b/c', base)).toBeNull();
  });
});
