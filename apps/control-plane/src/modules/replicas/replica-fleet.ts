import { Injectable } from '@nestjs/common';
import type { ReplicaCapability } from '../../infra/replica/replica-capabilities';
import { ReplicasRepository } from './replicas.repository';

/** What other modules may ask of the deployment's replicas. */
@Injectable()
export class ReplicaFleet {
  constructor(private readonly replicas: ReplicasRepository) {}

  /** Whether every live replica understands `capability` (see REPLICA_CAPABILITIES). */
  everyLiveReplicaHas(capability: ReplicaCapability): Promise<boolean> {
    return this.replicas.everyLiveReplicaHas(capability);
  }
}
