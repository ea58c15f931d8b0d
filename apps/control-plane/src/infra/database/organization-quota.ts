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

/** A creation counted against its organization's quota (see createWithinQuota). */
export interface QuotaedCreation<T, S> {
  readonly organizationId: string;
  /** What the organization may hold; 0 is no limit. */
  readonly max: number;
  /** What holds a place, read under the lock. */
  readonly count: (tx: Prisma.TransactionClient) => Promise<number>;
  readonly create: (tx: Prisma.TransactionClient) => Promise<T>;
  /**
   * Asked first, under the lock: what it returns, unless undefined, is the answer, before any
   * count (a name already taken is a conflict, never a quota refusal).
   */
  readonly settle?: (tx: Prisma.TransactionClient) => Promise<S | undefined>;
}

/**
 * Runs `create` unless the organization already holds `max` of what `count` counts, under the
 * organization's lock: creations racing in one organization never pass `max` together, on any
 * replica.
 */
export function createWithinQuota<T, S = never>(
  db: Database,
  creation: QuotaedCreation<T, S>,
): Promise<T | S | typeof QUOTA_EXCEEDED> {
  const { organizationId, max, count, create, settle } = creation;
  return db.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const settled = await settle?.(tx);
    if (settled !== undefined) return settled;
    if (max > 0 && (await count(tx)) >= max) return QUOTA_EXCEEDED;
    return create(tx);
  });
}
