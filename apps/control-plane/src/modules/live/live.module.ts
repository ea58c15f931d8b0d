import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ExecutorsModule } from '../executors/executors.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SessionsModule } from '../sessions/sessions.module';
import { LiveAccessWatch } from './live-access-watch';
import { LiveController } from './live.controller';
import { LiveStreams } from './live-streams';
import { LiveService } from './live.service';

@Module({
  imports: [
    ExecutorsModule,
    ApiKeysModule,
    ApplicationRecordsModule,
    OrganizationsModule,
    SessionsModule,
  ],
  controllers: [LiveController],
  providers: [LiveService, LiveStreams, LiveAccessWatch],
})
export class LiveModule {}
