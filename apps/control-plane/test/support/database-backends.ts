import type { DatabaseTarget } from '@podium/db';
import { createScratchDatabase } from '@podium/db/testing';

/** A database to run a test on, and how to drop it afterwards. */
export type BackendFactory = () => Promise<{ target: DatabaseTarget; drop?: () => Promise<void> }>;

/**
 * Both databases the control plane runs on, for `describe.each`: a scratch PostgreSQL database
 * and an in-memory PGlite one (both migrated).
 */
export const DATABASE_BACKENDS: Array<[string, BackendFactory]> = [
  [
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase();
      return { target: { kind: 'postgres', url: scratch.url }, drop: () => scratch.drop() };
    },
  ],
  ['PGlite', () => Promise.resolve({ target: { kind: 'pglite', dataDir: 'memory://' } })],
];
