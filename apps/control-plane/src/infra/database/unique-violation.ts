import { Prisma } from '@podium/db';

/** True when a write failed on a unique constraint (Prisma P2002): a name already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
