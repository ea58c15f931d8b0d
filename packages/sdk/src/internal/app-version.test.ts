import { describe, expect, it } from 'vitest';
import { computeApplicationVersion } from './app-version';

describe('computeApplicationVersion', () => {
  const a = { name: 'a', source: 'async (ctx) => 1' };
  const b = { name: 'b', source: 'async (ctx) => 2' };

  it('does not depend on registration order', () => {
    expect(computeApplicationVersion([a, b])).toBe(computeApplicationVersion([b, a]));
  });

  it('changes when a workflow source changes', () => {
    const changed = { ...b, source: 'async (ctx) => 3' };
    expect(computeApplicationVersion([a, b])).not.toBe(computeApplicationVersion([a, changed]));
  });

  it('changes when a workflow is renamed', () => {
    expect(computeApplicationVersion([a])).not.toBe(
      computeApplicationVersion([{ ...a, name: 'c' }]),
    );
  });
});
