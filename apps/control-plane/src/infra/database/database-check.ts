import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { type ProbeResult, probeDependency } from '../../common/health/dependency-probe';
import { DATABASE } from './database.tokens';

/** Past this, a database that has not answered counts as down. */
const DATABASE_PING_TIMEOUT_MS = 2_000;

/** Whether the database answers, and how fast: the readiness check's database part. */
@Injectable()
export class DatabaseCheck {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  get kind(): Database['kind'] {
    return this.db.kind;
  }

  check(): Promise<ProbeResult> {
    return probeDependency(() => this.db.ping(), DATABASE_PING_TIMEOUT_MS);
  }
}
