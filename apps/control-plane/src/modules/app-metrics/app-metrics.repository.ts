import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';
import { Transactions } from '../../infra/database/transactions';

export interface MetricCount {
  readonly metricType: string;
  readonly metricName: string;
  readonly value: number;
}

export interface MetricBucket extends MetricCount {
  readonly bucketStart: Date;
}

/** The only place that touches app_metric_buckets. */
@Injectable()
export class AppMetricsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly transactions: Transactions,
  ) {}

  /** The minute's counts replace what it had: collecting a minute again changes nothing. */
  saveMinute(applicationId: string, bucketStart: Date, counts: readonly MetricCount[]) {
    return this.transactions.run(async () => {
      await this.db.prisma.appMetricBucket.deleteMany({ where: { applicationId, bucketStart } });
      await this.db.prisma.appMetricBucket.createMany({
        data: counts.map((c) => ({ applicationId, bucketStart, ...c })),
      });
    });
  }

  findBetween(applicationId: string, from: Date, to: Date): Promise<MetricBucket[]> {
    return this.db.prisma.appMetricBucket.findMany({
      where: { applicationId, bucketStart: { gte: from, lt: to } },
      orderBy: [{ bucketStart: 'asc' }, { metricType: 'asc' }, { metricName: 'asc' }],
      select: { bucketStart: true, metricType: true, metricName: true, value: true },
    });
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.prisma.appMetricBucket.deleteMany({
      where: { bucketStart: { lt: cutoff } },
    });
    return count;
  }
}
