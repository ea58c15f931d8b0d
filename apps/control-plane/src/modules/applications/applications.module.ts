import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApplicationRecordsModule } from './application-records.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

/** The applications REST resource. */
@Module({
  imports: [ApplicationRecordsModule, ApiKeysModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService],
})
export class ApplicationsModule {}
