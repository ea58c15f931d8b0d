import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ExecutorRegistry } from './executor-registry';
import { ExecutorListingsRepository } from './executor-listings.repository';
import { ExecutorsRepository } from './executors.repository';
import { ExecutorsService } from './executors.service';
import { ExecutorGateway } from './links/executor-gateway';
import { ExecutorLinkQuota } from './links/executor-link-quota';
import { ExecutorLinksService } from './links/executor-links.service';
import { ExecutorProxy } from './proxy/executor-proxy';
import { RemoteCommandClient } from './proxy/remote/remote-command-client';
import { RemoteCommandServer } from './proxy/remote/remote-command-server';
import { RemoteExecutors } from './proxy/remote/remote-executors';
import { RecoveryClaimsRepository } from './recovery/recovery-claims.repository';
import { DeadExecutorRecoverer } from './recovery/dead-executor-recoverer';
import { ExecutorRecoveryService } from './recovery/executor-recovery.service';

/**
 * Executors: their WebSocket links (`links/`), the command proxy over them (`proxy/`) and the
 * recovery of dead ones (`recovery/`), around the executors table and the in-memory registry
 * of links held here (in replica mode, commands for links held by other replicas are routed
 * through Redis: `proxy/remote/`). Others see executors through ExecutorsService and send them commands
 * through ExecutorProxy.
 */
@Module({
  imports: [ApiKeysModule],
  providers: [
    ExecutorsRepository,
    ExecutorListingsRepository,
    ExecutorRegistry,
    ExecutorsService,
    ExecutorGateway,
    ExecutorLinksService,
    ExecutorLinkQuota,
    ExecutorProxy,
    RemoteCommandClient,
    RemoteCommandServer,
    RemoteExecutors,
    ExecutorRecoveryService,
    DeadExecutorRecoverer,
    RecoveryClaimsRepository,
  ],
  exports: [ExecutorsService, ExecutorProxy],
})
export class ExecutorsModule {}
