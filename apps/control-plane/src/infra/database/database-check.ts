import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import type { ReadinessResponse } from '@podium/protocol';
import { describeFailure, withTimeout } from '../../common/health/dependency-probe';
import { DATABASE } from './database.tokens';

/** Past this, a database that has not answered counts as down. */
const DATABASE_PING_TIMEOUT_MS = 2_000;

export type DatabaseCheckResult = ReadinessResponse['checks']['database'];

/** Whether the database answers, and how fast: the readiness check's database part. */
@Injectable()
export class DatabaseCheck {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async check(): Promise<DatabaseCheckResult> {
    const started = performance.now();
    let error: string | undefined;
    try {
      await withTimeout(this.db.ping(), DATABASE_PING_TIMEOUT_MS);
    } catch (cause) {
      error = describeFailure(cause);
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return error
      ? { kind: this.db.kind, status: 'down', latencyMs, error }
      : { kind: this.db.kind, status: 'up', latencyMs };
  }
}
