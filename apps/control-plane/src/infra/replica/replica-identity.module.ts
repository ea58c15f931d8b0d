import { Global, Module } from '@nestjs/common';
import { ReplicaIdentity } from './replica-identity';

@Global()
@Module({ providers: [ReplicaIdentity], exports: [ReplicaIdentity] })
export class ReplicaIdentityModule {}
