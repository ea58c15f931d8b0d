import { describe, expect, it } from 'vitest';
import { commandKind, newestFirst, orderCandidates } from './executor-proxy-selection';

const executor = (name: string, version: string) => ({
  name,
  identity: { applicationVersion: version },
});
const names = (list: ReadonlyArray<{ name: string }>) => list.map((e) => e.name);

describe('orderCandidates', () => {
  // Newest link first, as the registry lists them.
  const fleet = [executor('c', 'v2'), executor('b', 'v1'), executor('a', 'v2')];

  it('puts the newest link’s version first, then the others newest first', () => {
    expect(names(orderCandidates(fleet))).toEqual(['c', 'a', 'b']);
  });

  it('rotates among executors of the target version by turn', () => {
    expect(names(orderCandidates(fleet, { turn: 1 }))).toEqual(['a', 'c', 'b']);
    expect(names(orderCandidates(fleet, { turn: 2 }))).toEqual(['c', 'a', 'b']);
  });

  it('targets preferVersion when someone runs it, and ignores it otherwise', () => {
    expect(names(orderCandidates(fleet, { preferVersion: 'v1' }))).toEqual(['b', 'c', 'a']);
    expect(names(orderCandidates(fleet, { preferVersion: 'v7' }))).toEqual(['c', 'a', 'b']);
  });

  it('returns nothing for no executors', () => {
    expect(orderCandidates([])).toEqual([]);
  });
});

describe('commandKind', () => {
  it('knows reads, and treats everything else as a mutation', () => {
    expect(commandKind('list_workflows')).toBe('read');
    expect(commandKind('get_workflow')).toBe('read');
    expect(commandKind('cancel')).toBe('mutation');
    expect(commandKind('fork_from_failure')).toBe('mutation');
    expect(commandKind('retention')).toBe('mutation');
  });
});

describe('newestFirst', () => {
  const at = (name: string, ms: number) => ({ name, linkedAt: new Date(ms) });

  it('merges two newest-first lists newest first, this replica’s first on a tie', () => {
    const here = [at('h3', 3), at('h1', 1)];
    const elsewhere = [at('e3', 3), at('e2', 2), at('e0', 0)];
    expect(names(newestFirst(here, elsewhere))).toEqual(['h3', 'e3', 'e2', 'h1', 'e0']);
    expect(names(newestFirst(here, []))).toEqual(['h3', 'h1']);
    expect(names(newestFirst([], elsewhere))).toEqual(['e3', 'e2', 'e0']);
  });
});
