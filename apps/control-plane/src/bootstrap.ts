import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { Config } from './config/config';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { NestPinoLogger } from './common/logging/logger';

/** Builds and starts the HTTP server; `main.ts` and the end-to-end tests share it. */
export async function startControlPlane(
  config: Config,
  logger: Logger,
): Promise<INestApplication<Server>> {
  const app = await NestFactory.create<NestExpressApplication<Server>>(
    AppModule.register(config, logger),
    {
      logger: new NestPinoLogger(logger),
    },
  );
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  // The client address (login rate limits) comes through the console's proxy.
  app.set('trust proxy', config.http.trustProxy);
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  return app;
}

/** The URL the server answers on (the real port when 0 was asked for). */
export function listeningUrl(app: INestApplication<Server>): string {
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
