import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.module';
import type { LinkContext } from './executor-link';
import type { ExecutorIdentity } from './executor-registry';

export interface ExecutorRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly executorId: string;
  readonly applicationVersion: string;
  readonly hostname: string | null;
  readonly language: string;
  readonly sdkVersion: string;
  readonly metadata: unknown;
  readonly status: 'CONNECTED' | 'DISCONNECTED' | 'DEAD';
  readonly connectedAt: Date;
  readonly disconnectedAt: Date | null;
  readonly lastSeenAt: Date;
}

/** The only place that touches the executors table. */
@Injectable()
export class ExecutorsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Records a (re)connection; a reconnect of the same executor id updates its row. */
  async recordConnected(context: LinkContext, identity: ExecutorIdentity, at: Date): Promise<void> {
    const fields = {
      applicationVersion: identity.applicationVersion,
      hostname: identity.hostname,
      language: identity.language,
      sdkVersion: identity.sdkVersion,
      metadata: (identity.metadata as Prisma.InputJsonValue | null) ?? Prisma.DbNull,
      status: 'CONNECTED' as const,
      apiKeyId: context.apiKeyId,
      connectedAt: at,
      disconnectedAt: null,
      lastSeenAt: at,
    };
    await this.db.prisma.executor.upsert({
      where: {
        applicationId_executorId: {
          applicationId: context.applicationId,
          executorId: identity.executorId,
        },
      },
      create: {
        organizationId: context.organizationId,
        applicationId: context.applicationId,
        executorId: identity.executorId,
        ...fields,
      },
      update: fields,
    });
  }

  /**
   * Marks the executor disconnected, unless a newer link of the same executor
   * connected meanwhile (its connectedAt is later than this link's).
   */
  async recordDisconnected(
    context: LinkContext,
    executorId: string,
    connectedAt: Date,
    at: Date,
  ): Promise<void> {
    await this.db.prisma.executor.updateMany({
      where: { applicationId: context.applicationId, executorId, connectedAt, status: 'CONNECTED' },
      data: { status: 'DISCONNECTED', disconnectedAt: at, lastSeenAt: at },
    });
  }

  findForApplication(organizationId: string, applicationId: string): Promise<ExecutorRecord[]> {
    return this.db.prisma.executor.findMany({
      where: { organizationId, applicationId },
      orderBy: { connectedAt: 'desc' },
    });
  }
}
