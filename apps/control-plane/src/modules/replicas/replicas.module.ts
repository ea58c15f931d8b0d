import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { ReplicaFailoverService } from './replica-failover.service';
import { ReplicaLeaseService } from './replica-lease.service';
import { ReplicasRepository } from './replicas.repository';

/**
 * The replicas table: this process's lease (ReplicaLeaseService) and what it does when another
 * replica's lease passes (ReplicaFailoverService).
 */
@Module({
  imports: [ExecutorsModule],
  providers: [ReplicasRepository, ReplicaLeaseService, ReplicaFailoverService],
})
export class ReplicasModule {}
