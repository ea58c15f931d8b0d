import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database } from '@podium/db';
import type { Principal } from '../../common/auth/principal';
import { DATABASE } from '../../infra/database/database.module';

export interface AuditEntry {
  readonly organizationId: string;
  readonly principal: Principal;
  /** Dotted verb: `workflow.cancel`, `api_key.revoke`, ... */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly outcome: 'SUCCESS' | 'FAILURE';
  /** Structured context; never secrets. */
  readonly details?: Record<string, unknown>;
}

/** Writes the audit log: every operator action, whether it worked or not. */
@Injectable()
export class AuditService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async record(entry: AuditEntry): Promise<void> {
    const { principal } = entry;
    await this.db.prisma.auditEvent.create({
      data: {
        organizationId: entry.organizationId,
        actorUserId: principal.kind === 'user' ? principal.userId : null,
        actorApiKeyId: principal.kind === 'api-key' ? principal.apiKey.id : null,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        outcome: entry.outcome,
        details: (entry.details ?? {}) as Prisma.InputJsonObject,
      },
    });
  }
}
