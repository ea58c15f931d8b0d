import { createHash } from 'node:crypto';

/**
 * The default application version: a hash of every registered workflow's name and source text.
 * Changing any workflow's code changes the version, so recovery never replays checkpoints
 * against different code. Order of registration does not matter.
 */
export function computeApplicationVersion(
  workflows: Iterable<{ name: string; source: string }>,
): string {
  const hash = createHash('sha256');
  const sorted = [...workflows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, source } of sorted) hash.update(name).update('\0').update(source).update('\0');
  return hash.digest('hex').slice(0, 32);
}
