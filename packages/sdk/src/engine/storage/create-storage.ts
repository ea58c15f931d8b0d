/** Builds the storage for the configured database. */
import type { Logger } from '../../logger';
import type { ResolvedOptions } from '../../options';
import { PgDriver, PGliteDriver, type SqlDriver } from './driver';
import { SqlStorage } from './sql-storage';
import type { Storage } from './storage';

export async function createStorage(
  database: ResolvedOptions['database'],
  schema: string,
  logger: Logger,
): Promise<Storage> {
  let driver: SqlDriver;
  switch (database.kind) {
    case 'postgres':
      driver = PgDriver.connect(database.url, database.poolSize, logger);
      break;
    case 'pglite':
      driver = await PGliteDriver.open(database.dataDir);
      break;
    case 'pglite-instance':
      driver = new PGliteDriver(database.instance, false);
      break;
  }
  return new SqlStorage(driver, schema);
}
