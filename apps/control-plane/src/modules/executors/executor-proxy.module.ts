import { Module } from '@nestjs/common';
import { ExecutorProxy } from './executor-proxy';
import { ExecutorsModule } from './executors.module';

/** The command proxy, for modules that reach executors (workflows, queues, versions). */
@Module({ imports: [ExecutorsModule], providers: [ExecutorProxy], exports: [ExecutorProxy] })
export class ExecutorProxyModule {}
