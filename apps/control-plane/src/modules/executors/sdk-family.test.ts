import { describe, expect, it } from 'vitest';
import { sdkFamilyOf } from './sdk-family';

describe('sdkFamilyOf', () => {
  it('tells @podium/sdk executors from DBOS Transact ones, in any language', () => {
    expect(sdkFamilyOf({ sdkVersion: 'podium-sdk/0.1.0' })).toBe('podium');
    expect(sdkFamilyOf({ sdkVersion: '5.2.11' })).toBe('dbos');
    expect(sdkFamilyOf({ sdkVersion: '2.1.0' })).toBe('dbos'); // e.g. dbos-transact-py
    expect(sdkFamilyOf({ sdkVersion: 'unknown' })).toBe('dbos');
  });
});
