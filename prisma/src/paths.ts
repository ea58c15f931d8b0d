import path from 'node:path';

/** prisma/migrations, resolved the same from src/ and dist/. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');
