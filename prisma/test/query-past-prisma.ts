import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Database } from '../src';

/**
 * `db.query` reads what Prisma wrote on the same database, binds its parameters (`$1`…) as the
 * statement casts them, and rejects a statement the database refuses.
 */
export async function expectQueryPastPrisma(db: Database): Promise<void> {
  const org = await db.prisma.organization.create({
    data: { name: `raw-${randomBytes(4).toString('hex')}`, displayName: 'Raw' },
  });
  const rows = await db.query<{ name: string; n: number; doc: unknown }>(
    'SELECT name, $2::int AS n, $3::jsonb AS doc FROM organizations WHERE id = $1::uuid',
    [org.id, 7, JSON.stringify({ a: [1, 'two'] })],
  );
  expect(rows).toEqual([{ name: org.name, n: 7, doc: { a: [1, 'two'] } }]);
  await expect(db.query('SELECT $1::int', ['not a number'])).rejects.toThrow();
}
