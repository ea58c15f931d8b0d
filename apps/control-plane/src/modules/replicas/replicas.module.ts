import { Module } from '@nestjs/common';
import { ExecutorsModule } from '../executors/executors.module';
import { ReplicaLeaseService } from './replica-lease.service';
import { ReplicasRepository } from './replicas.repository';

/** The replicas table: this process's lease (see ReplicaLeaseService). */
@Module({
  imports: [ExecutorsModule],
  providers: [ReplicasRepository, ReplicaLeaseService],
})
export class ReplicasModule {}
