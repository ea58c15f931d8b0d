import { Module } from '@nestjs/common';
import { ExecutorProxyModule } from './executor-proxy.module';
import { ExecutorRecoveryService } from './executor-recovery.service';
import { ExecutorsModule } from './executors.module';

/** Dead-executor recovery (see ExecutorRecoveryService). */
@Module({
  imports: [ExecutorsModule, ExecutorProxyModule],
  providers: [ExecutorRecoveryService],
  exports: [ExecutorRecoveryService],
})
export class ExecutorRecoveryModule {}
