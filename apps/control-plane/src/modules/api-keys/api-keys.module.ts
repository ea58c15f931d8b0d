import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ApiKeyLookupBudget } from './api-key-lookup-budget';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [AccountsModule, ApplicationRecordsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, ApiKeyLookupBudget],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
