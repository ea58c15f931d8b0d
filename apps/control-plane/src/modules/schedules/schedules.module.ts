import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

/** An application's schedules (REST), through its executors. */
@Module({
  imports: [ExecutorsModule],
  controllers: [SchedulesController],
  providers: [SchedulesService],
})
export class SchedulesModule {}
