import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/**
 * This process among the control-plane replicas: a new id per start (its row in `replicas`,
 * the `replica_id` of the executors it links, the origin of the events it publishes and the
 * address of its Redis channels). A lone process has one too.
 */
@Injectable()
export class ReplicaIdentity {
  readonly id = randomUUID();
  readonly startedAt = new Date();
}
