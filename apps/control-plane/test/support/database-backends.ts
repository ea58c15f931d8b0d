import type { DatabaseTarget } from '@podium/db';
import { createScratchDatabase } from '@podium/db/testing';

/** A database to run a test on, and how to drop it afterwards (PGlite in memory needs none). */
export type DatabaseBackend = [
  name: string,
  make: () => Promise<{ target: DatabaseTarget; drop?: () => Promise<void> }>,
];

/** Both databases the control plane runs on: a scratch PostgreSQL one and PGlite in memory. */
export const DATABASE_BACKENDS: DatabaseBackend[] = [
  [
    'PostgreSQL',
    async () => {
      const scratch = await createScratchDatabase();
      return { target: { kind: 'postgres', url: scratch.url }, drop: () => scratch.drop() };
    },
  ],
  ['PGlite', () => Promise.resolve({ target: { kind: 'pglite', dataDir: 'memory://' } })],
];
