import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import type { HealthResponse, ReadinessResponse } from '@podium/protocol';
import { DATABASE } from '../../infra/database/database.tokens';
import { SERVICE_VERSION } from '../../version';

/** Past this, a database that has not answered counts as down. */
const DATABASE_PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  getHealth(): HealthResponse {
    return {
      status: 'ok',
      service: 'podium-control-plane',
      version: SERVICE_VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  async getReadiness(): Promise<ReadinessResponse> {
    const started = performance.now();
    let error: string | undefined;
    try {
      await withTimeout(this.db.ping(), DATABASE_PING_TIMEOUT_MS);
    } catch (cause) {
      error = describeFailure(cause);
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const database = error
      ? { kind: this.db.kind, status: 'down' as const, latencyMs, error }
      : { kind: this.db.kind, status: 'up' as const, latencyMs };
    return { status: error ? 'not_ready' : 'ready', checks: { database } };
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
