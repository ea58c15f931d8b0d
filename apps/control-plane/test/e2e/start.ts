import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { DatabaseTarget } from '@podium/db';
import { listeningUrl, startControlPlane } from '../../src/bootstrap';
import { createLogger } from '../../src/common/logging/logger';
import type { Config } from '../../src/config/config';

export interface RunningControlPlane {
  readonly app: INestApplication<Server>;
  readonly url: string;
  close(): Promise<void>;
}

/** A real control plane on an ephemeral loopback port. */
export async function startTestControlPlane(
  database: DatabaseTarget,
): Promise<RunningControlPlane> {
  const config: Config = {
    env: 'test',
    http: { host: '127.0.0.1', port: 0 },
    database,
    logLevel: 'silent',
  };
  const app = await startControlPlane(config, createLogger(config.logLevel));
  return { app, url: listeningUrl(app), close: () => app.close() };
}
