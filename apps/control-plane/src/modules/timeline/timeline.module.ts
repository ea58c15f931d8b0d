import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

/** The incident timeline (REST): a read model over alert, executor and audit history. */
@Module({
  controllers: [TimelineController],
  providers: [TimelineRepository, TimelineService],
})
export class TimelineModule {}
