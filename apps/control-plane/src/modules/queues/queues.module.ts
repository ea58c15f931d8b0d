import { Module } from '@nestjs/common';
import { ExecutorProxyModule } from '../executors/executor-proxy.module';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';

@Module({
  imports: [ExecutorProxyModule],
  controllers: [QueuesController],
  providers: [QueuesService],
})
export class QueuesModule {}
