export { openDatabase, type Database, type DatabaseTarget } from './connect';
export { deployMigrations } from './migrate';
export { MIGRATIONS_DIR } from './paths';
export { PrismaClient, Prisma, Role, AuditOutcome } from './generated/prisma/client.js';
export type * from './generated/prisma/models.js';
export { DataDirLockedError } from './data-dir-lock';
