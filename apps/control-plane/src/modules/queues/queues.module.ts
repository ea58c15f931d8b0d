import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';

@Module({
  imports: [ExecutorsModule],
  controllers: [QueuesController],
  providers: [QueuesService],
})
export class QueuesModule {}
