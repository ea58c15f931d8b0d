import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ExecutorsModule } from '../executors/executors.module';
import { RetentionModule } from '../retention/retention.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';

/** The applications REST resource (lookups for other modules: ApplicationRecordsModule). */
@Module({
  imports: [AlertsModule, ApiKeysModule, ExecutorsModule, RetentionModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsRepository, ApplicationsService],
})
export class ApplicationsModule {}
