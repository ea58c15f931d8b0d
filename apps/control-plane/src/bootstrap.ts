import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { type Config, assertDeployable } from './config/config';
import { frameworkErrorOptions } from './common/errors/framework-errors';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { NestPinoLogger } from './common/logging/logger';
import {
  connectionTimeoutOptions,
  installHandlingWithoutIdleTimeout,
} from './common/http/connection-timeouts';
import { installJsonBodies } from './common/http/json-bodies';
import { installExecutorSizedBodies } from './common/http/executor-sized-bodies';
import { AuthenticationGuard } from './modules/auth/authentication.guard';
import { API_ROUTES } from './modules/openapi/openapi.service';
import { installRequestOrigin } from './common/http/request-origin';
import { trustFunction } from './common/http/client-address';
import { installRequestScreening } from './common/http/request-screening';
import { urlRedactor } from './common/logging/redact';
import { RequestLog, requestIdOf } from './common/logging/request-logging';

/** Longest path segment the router accepts (workflow ids are the caller's choice). */
const MAX_PARAM_LENGTH = 2_048;

/** Builds and starts the HTTP server; `main.ts` and the end-to-end tests share it. */
export async function startControlPlane(
  config: Config,
  logger: Logger,
): Promise<INestApplication<Server>> {
  assertDeployable(config);
  const redactUrl = urlRedactor(config.executors.basePath);
  const requestLog = new RequestLog(logger, redactUrl);
  const adapter = new FastifyAdapter({
    // The client address (login rate limits) comes through the console's proxy.
    trustProxy: trustFunction(config.http.trustProxy),
    genReqId: requestIdOf,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, ignoreTrailingSlash: true },
    ...frameworkErrorOptions({ redactUrl, requestLog, maxParamLength: MAX_PARAM_LENGTH }),
    ...connectionTimeoutOptions(config.http.timeouts),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, logger),
    adapter,
    // Bodies: see installJsonBodies (no forms, no text). A failed start (database folder
    // locked, Redis unreachable) throws to the caller, which says why, instead of aborting.
    { logger: new NestPinoLogger(logger), bodyParser: false, abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodies(fastify);
  const authentication = app.get(AuthenticationGuard);
  installExecutorSizedBodies(fastify, API_ROUTES, config.executors.maxFrameBytes, (request) =>
    authentication.authenticateRequest(request),
  );
  installRequestScreening(fastify);
  installRequestOrigin(fastify);
  installHandlingWithoutIdleTimeout(fastify);
  requestLog.install(fastify);
  app.useGlobalFilters(new ProblemDetailsFilter(logger, redactUrl));
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
