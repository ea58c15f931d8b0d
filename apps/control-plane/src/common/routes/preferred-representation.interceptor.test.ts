import { describe, expect, it } from 'vitest';
import { prefersRepresentation } from './preferred-representation.interceptor';

describe('prefersRepresentation', () => {
  it('reads return=representation among other preferences, in any case and spacing', () => {
    expect(prefersRepresentation('return=representation')).toBe(true);
    expect(prefersRepresentation('respond-async, RETURN = "representation"; foo=bar')).toBe(true);
    expect(prefersRepresentation(['wait=10', 'return=representation'])).toBe(true);
  });

  it('takes anything else, or nothing, as no preference for the result', () => {
    expect(prefersRepresentation(undefined)).toBe(false);
    expect(prefersRepresentation('return=minimal')).toBe(false);
    expect(prefersRepresentation('return=representations')).toBe(false);
    expect(prefersRepresentation('x-return=representation')).toBe(false);
  });
});
