import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { ReplicaFailoverService } from './replica-failover.service';
import { ReplicaFleet } from './replica-fleet';
import { ReplicaLeaseService } from './replica-lease.service';
import { ReplicasRepository } from './replicas.repository';

/**
 * The replicas table: this process's lease (ReplicaLeaseService), what it does when another
 * replica's lease passes (ReplicaFailoverService), and what other modules may ask of the
 * deployment (ReplicaFleet).
 */
@Module({
  imports: [ExecutorsModule],
  providers: [ReplicasRepository, ReplicaLeaseService, ReplicaFailoverService, ReplicaFleet],
  exports: [ReplicaFleet],
})
export class ReplicasModule {}
