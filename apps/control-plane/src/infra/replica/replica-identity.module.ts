import { Global, Module } from '@nestjs/common';
import { ReplicaIdentity } from './replica-identity';
import { ReplicaRole } from './replica-role';

@Global()
@Module({ providers: [ReplicaIdentity, ReplicaRole], exports: [ReplicaIdentity, ReplicaRole] })
export class ReplicaIdentityModule {}
