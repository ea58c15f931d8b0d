import type { Database } from '@podium/db';
import { waitUntil } from './wait-until';

/**
 * PostgreSQL locks held from a session of the test's own (`locker`), to stop the control plane
 * at a chosen write and look at what it shows meanwhile.
 */

/**
 * Holds `lock` (a statement, with its `values` as $1, $2…) in a transaction of its own until the
 * returned release is called.
 */
export async function holdLock(
  locker: Database,
  lock: string,
  ...values: unknown[]
): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const transaction = locker.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(lock, ...values);
      locked();
      await released;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  await Promise.race([isLocked, transaction]); // a failed lock throws here
  return async () => {
    release();
    await transaction;
  };
}

/**
 * Resolves once a query waits for a lock on `table`, one whose text includes `statement` when
 * given: other work (a previous test's link closing, background jobs) may wait on the same
 * table, and taking its wait for the one awaited would move on too early.
 */
export async function blockedOn(locker: Database, table: string, statement = ''): Promise<void> {
  await waitUntil(
    async () => {
      const rows = await locker.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT count(*) AS n FROM pg_locks l
           JOIN pg_class c ON c.oid = l.relation
           JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE NOT l.granted AND c.relname = $1 AND strpos(a.query, $2) > 0`,
        table,
        statement,
      );
      return Number(rows[0]?.n ?? 0) > 0;
    },
    30_000,
    `a query waiting on ${table}${statement && ` (${statement})`}`,
  );
}
