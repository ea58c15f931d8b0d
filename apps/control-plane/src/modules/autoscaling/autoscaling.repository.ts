import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import type { AutoscalePolicy } from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';

/** The only place that touches the autoscaling_policies table (one row per application). */
@Injectable()
export class AutoscalingRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(applicationId: string): Promise<AutoscalePolicy | null> {
    const row = await this.db.prisma.autoscalingPolicy.findUnique({ where: { applicationId } });
    if (!row) return null;
    const rollout = {
      ...(row.maxExecutorsForOldApplicationVersions !== null && {
        maxExecutorsForOldApplicationVersions: row.maxExecutorsForOldApplicationVersions,
      }),
      ...(row.maxOldApplicationVersions !== null && {
        maxOldApplicationVersions: row.maxOldApplicationVersions,
      }),
    };
    return { queue: row.queueName, ...(Object.keys(rollout).length > 0 && { rollout }) };
  }

  async save(applicationId: string, policy: AutoscalePolicy): Promise<void> {
    const columns = {
      queueName: policy.queue,
      maxExecutorsForOldApplicationVersions:
        policy.rollout?.maxExecutorsForOldApplicationVersions ?? null,
      maxOldApplicationVersions: policy.rollout?.maxOldApplicationVersions ?? null,
    };
    await this.db.prisma.autoscalingPolicy.upsert({
      where: { applicationId },
      create: { applicationId, ...columns },
      update: columns,
    });
  }

  async delete(applicationId: string): Promise<void> {
    await this.db.prisma.autoscalingPolicy.deleteMany({ where: { applicationId } });
  }
}
