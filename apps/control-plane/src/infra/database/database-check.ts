import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import type { ReadinessResponse } from '@podium/protocol';
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Driver messages can quote the connection string; keep only the first line, minus URLs.
function describeFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const firstLine = message.split('\n').find((line) => line.trim()) ?? 'unknown error';
  return firstLine.replace(/\w+:\/\/\S+/g, '[connection string]').slice(0, 200);
}
