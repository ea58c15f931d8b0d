import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openDatabase, type Database } from '@podium/db';
import type { Logger } from 'pino';
import { CONFIG, type Config } from '../../config/config';
import { LOGGER } from '../../common/logging/logging.tokens';
import { DatabaseCheck } from './database-check';
import { DATABASE } from './database.tokens';
import { Transactions, transactionAware } from './transactions';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [CONFIG, LOGGER],
      useFactory: async (config: Config, logger: Logger): Promise<Database> => {
        const db = await openDatabase(config.database);
        const where = config.database.kind === 'pglite' ? config.database.dataDir : 'postgres';
        logger.info(
          { kind: db.kind, where, appliedMigrations: db.appliedMigrations },
          'database opened',
        );
        return transactionAware(db);
      },
    },
    Transactions,
    DatabaseCheck,
  ],
  exports: [DATABASE, Transactions, DatabaseCheck],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown() {
    await this.db.close();
  }
}
