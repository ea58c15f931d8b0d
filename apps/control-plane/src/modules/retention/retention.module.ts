import { Module } from '@nestjs/common';
import { ApplicationRecordsModule } from '../applications/application-records.module';
import { ExecutorsModule } from '../executors/executors.module';
import { RetentionPusher } from './retention-pusher';
import { RetentionSchedule } from './retention-schedule';

/**
 * Retention (DBOS app settings `gcTimeThresholdMs`, `gcRowsThreshold`, `globalTimeoutMs`):
 * pushed to executors as `retention` messages, on a schedule and after each change.
 */
@Module({
  imports: [ApplicationRecordsModule, ExecutorsModule],
  providers: [RetentionPusher, RetentionSchedule],
  exports: [RetentionPusher],
})
export class RetentionModule {}
