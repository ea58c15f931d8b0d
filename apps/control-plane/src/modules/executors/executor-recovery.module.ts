import { Module } from '@nestjs/common';
import { DeadExecutorRecoverer } from './dead-executor-recoverer';
import { ExecutorProxyModule } from './executor-proxy.module';
import { ExecutorRecoveryService } from './executor-recovery.service';
import { ExecutorsModule } from './executors.module';

/** Dead-executor recovery (see ExecutorRecoveryService). */
@Module({
  imports: [ExecutorsModule, ExecutorProxyModule],
  providers: [ExecutorRecoveryService, DeadExecutorRecoverer],
  exports: [ExecutorRecoveryService],
})
export class ExecutorRecoveryModule {}
