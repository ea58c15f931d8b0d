import { Module } from '@nestjs/common';
import { FleetModule } from '../fleet/fleet.module';
import { LiveController } from './live.controller';
import { LiveStreams } from './live-streams';
import { LiveService } from './live.service';

@Module({
  imports: [FleetModule],
  controllers: [LiveController],
  providers: [LiveService, LiveStreams],
})
export class LiveModule {}
