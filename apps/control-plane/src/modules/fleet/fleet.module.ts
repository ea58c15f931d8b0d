import { Module } from '@nestjs/common';
import { ExecutorProxyModule } from '../executors/executor-proxy.module';
import { ExecutorsModule } from '../executors/executors.module';
import { FleetController } from './fleet.controller';
import { FleetService } from './fleet.service';

/** An application's executors and versions. */
@Module({
  imports: [ExecutorsModule, ExecutorProxyModule],
  controllers: [FleetController],
  providers: [FleetService],
  exports: [FleetService],
})
export class FleetModule {}
