import type { Database, Prisma } from '@podium/db';

/** What a creation past its organization's quota returns instead of what it creates. */
export const QUOTA_EXCEEDED = 'quota_exceeded';

/**
 * Locks the organization's row until the transaction ends: creations counted against it, and
 * changes of its API keys' names and scopes, take turns. `NO KEY UPDATE`, not `UPDATE`: it must
 * not hold back the inserts that refer to the organization (audit entries, alert events) while
 * an application's deletion cascades.
 */
export async function lockOrganization(
  tx: Prisma.TransactionClient,
  organizationId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR NO KEY UPDATE`;
}

/**
 * Runs `create` unless the organization already holds `max` of what `count` counts (`max` 0: no
 * limit), under the organization's lock: creations racing in one organization never pass `max`
 * together, on any replica.
 */
export function createWithinQuota<T>(
  db: Database,
  organizationId: string,
  max: number,
  count: (tx: Prisma.TransactionClient) => Promise<number>,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T | typeof QUOTA_EXCEEDED> {
  return db.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    if (max > 0 && (await count(tx)) >= max) return QUOTA_EXCEEDED;
    return create(tx);
  });
}
