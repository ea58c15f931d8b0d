import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.module';

export interface ApplicationRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly description: string;
  readonly executorGracePeriodSeconds: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The only place that touches the applications table. Every query is scoped by organization. */
@Injectable()
export class ApplicationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  create(organizationId: string, name: string, description = ''): Promise<ApplicationRecord> {
    return this.db.prisma.application.create({ data: { organizationId, name, description } });
  }

  findByName(organizationId: string, name: string): Promise<ApplicationRecord | null> {
    return this.db.prisma.application.findUnique({
      where: { organizationId_name: { organizationId, name } },
    });
  }
}
