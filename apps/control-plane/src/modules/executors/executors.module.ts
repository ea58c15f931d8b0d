import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ExecutorGateway } from './executor-gateway';
import { ExecutorRegistry } from './executor-registry';
import { ExecutorsRepository } from './executors.repository';
import { ExecutorsService } from './executors.service';

@Module({
  imports: [ApiKeysModule],
  providers: [ExecutorGateway, ExecutorRegistry, ExecutorsRepository, ExecutorsService],
  exports: [ExecutorRegistry, ExecutorsRepository],
})
export class ExecutorsModule {}
