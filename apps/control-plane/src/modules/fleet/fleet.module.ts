import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { FleetController } from './fleet.controller';
import { FleetService } from './fleet.service';

/** An application's executors and versions (REST). */
@Module({
  imports: [ExecutorsModule],
  controllers: [FleetController],
  providers: [FleetService],
  exports: [FleetService],
})
export class FleetModule {}
