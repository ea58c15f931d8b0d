import { Global, Module } from '@nestjs/common';
import { PodiumMetrics } from './podium-metrics';

/** This control plane's metrics registry, for every module to report into (see PodiumMetrics). */
@Global()
@Module({ providers: [PodiumMetrics], exports: [PodiumMetrics] })
export class MetricsModule {}
