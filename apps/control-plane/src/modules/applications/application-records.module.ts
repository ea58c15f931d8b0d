import { Module } from '@nestjs/common';
import { ApplicationRecordsService } from './application-records.service';
import { ApplicationsRepository } from './applications.repository';

/**
 * Application lookups, for the guards, API keys and live streams. (ApplicationsModule needs
 * ApiKeysModule, which needs this: the split keeps the module graph acyclic.)
 */
@Module({
  providers: [ApplicationsRepository, ApplicationRecordsService],
  exports: [ApplicationRecordsService],
})
export class ApplicationRecordsModule {}
