import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { clientAddressOf, trustFunction } from '../../../common/http/client-address';
import { LogThrottle, suppressedField } from '../../../common/logging/log-throttle';
import { LOGGER } from '../../../common/logging/logging.tokens';
import { type RedactUrl, urlRedactor } from '../../../common/logging/redact';
import { CONFIG, type Config } from '../../../config/config';
import { PodiumMetrics, type RefusalReason } from '../../../infra/metrics/podium-metrics';
import { ApiKeysService, type ExecutorLinkAuthorization } from '../../api-keys/api-keys.service';
import { type CommandObserver, ExecutorLink } from './executor-link';
import { ExecutorLinkQuota } from './executor-link-quota';
import { parseExecutorPath } from './executor-path';
import { ExecutorLinksService } from './executor-links.service';
import { refuseHandshake, refuseUpgrade } from './refuse-upgrade';

/**
 * How the metrics name each refusal of an executor's key (see ApiKeysService); RATE_LIMITED is
 * counted where it is decided (AuthAttemptLimiter).
 */
const REFUSALS: Readonly<
  Record<
    Exclude<Extract<ExecutorLinkAuthorization, { ok: false }>['code'], 'RATE_LIMITED'>,
    RefusalReason
  >
> = {
  UNAUTHENTICATED: 'executor_unauthenticated',
  FORBIDDEN: 'executor_forbidden',
  NOT_FOUND: 'executor_not_found',
};

/**
 * The WebSocket edge for executors (DBOS-compatible). Authenticates on the HTTP
 * upgrade request, so a bad key gets a plain HTTP status and body before any
 * WebSocket exists (executors retry every second forever: refusing must be cheap).
 */
@Injectable()
export class ExecutorGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wss: WebSocketServer;
  private readonly redactUrl: RedactUrl;
  /** Executors refused for their application's limit retry every second: a few lines a minute. */
  private readonly limitLog = new LogThrottle();
  /** An address guessing keys tries as fast as it can: a few lines a minute. */
  private readonly guessLog = new LogThrottle();
  private readonly trustProxy: ReturnType<typeof trustFunction>;
  private server?: Server;
  /** Set at shutdown: an upgrade admitted after the links were closed is dropped (it redials). */
  private stopping = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: Config,
    private readonly apiKeys: ApiKeysService,
    private readonly links: ExecutorLinksService,
    private readonly quota: ExecutorLinkQuota,
    private readonly metrics: PodiumMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.redactUrl = urlRedactor(config.executors.basePath);
    this.trustProxy = trustFunction(config.http.trustProxy);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.executors.maxFrameBytes,
      perMessageDeflate: false,
    });
    // A bad handshake (method, version, key) with a good key: answered as every refusal is,
    // with a problem, instead of ws's own text/html.
    this.wss.on('wsClientError', (error, socket, req) => refuseHandshake(socket, req, error));
  }

  onApplicationBootstrap() {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
  }

  // Before the HTTP server closes: it would otherwise wait forever on upgraded sockets.
  async beforeApplicationShutdown() {
    this.server?.off('upgrade', this.onUpgrade);
    this.stopping = true;
    await this.links.closeAll();
    for (const client of this.wss.clients) client.terminate(); // never attached, if any
    this.wss.close();
  }

  private readonly recordCommand: CommandObserver = (type, outcome, seconds) =>
    this.metrics.recordCommand(type, outcome, seconds);

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    this.handleUpgrade(req, socket, head).catch((error: unknown) => {
      this.logger.error(
        { url: this.redactUrl(req.url ?? ''), err: String(error) },
        'executor upgrade failed',
      );
      refuseUpgrade(socket, 'INTERNAL', 'The control plane could not accept this executor.');
    });
  };

  private async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const path = parseExecutorPath(req.url ?? '', this.config.executors.basePath);
    if (!path) return refuseUpgrade(socket, 'NOT_FOUND', 'No WebSocket endpoint at this path.');
    const from = clientAddressOf(req, this.trustProxy);
    const auth = await this.apiKeys.authorizeExecutorLink(path.appName, path.apiKey, from);
    if (!auth.ok && auth.code === 'RATE_LIMITED') {
      const admittedLine = this.guessLog.admit(from);
      if (admittedLine) {
        this.logger.warn(
          { from, appName: path.appName, ...suppressedField(admittedLine) },
          'executor refused: its address had too many API keys not seen valid lately looked up',
        );
      }
      return refuseUpgrade(socket, auth.code, auth.detail, {
        'Retry-After': String(auth.retryAfterSeconds),
      });
    }
    if (!auth.ok) {
      this.logger.info(
        { url: this.redactUrl(req.url ?? ''), appName: path.appName, code: auth.code },
        'executor refused',
      );
      this.metrics.recordRefusal(REFUSALS[auth.code]);
      return refuseUpgrade(socket, auth.code, auth.detail);
    }
    const { application } = auth;
    const admitted = await this.quota.admit(application.organizationId, application.id, () =>
      this.open(req, socket, head, auth),
    );
    if (!admitted) {
      const admittedLine = this.limitLog.admit(application.id);
      if (admittedLine) {
        this.logger.warn(
          {
            appName: application.name,
            limit: this.config.executors.maxLinksPerApp,
            ...suppressedField(admittedLine),
          },
          'executor refused: the application holds as many links as it may',
        );
      }
      this.metrics.recordRefusal('executor_limit_reached');
      return refuseUpgrade(
        socket,
        'EXECUTOR_LIMIT_REACHED',
        `Application ${application.name} has ${this.config.executors.maxLinksPerApp} executors connected, the most this control plane accepts; retry once one disconnects.`,
        { 'Retry-After': '1' },
      );
    }
  }

  /** Completes the upgrade (synchronously: ws calls back at once) and hands the link over. */
  private open(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    auth: Extract<ExecutorLinkAuthorization, { ok: true }>,
  ) {
    if (this.stopping) return void socket.destroy();
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const link = new ExecutorLink(
        ws,
        {
          organizationId: auth.application.organizationId,
          applicationId: auth.application.id,
          appName: auth.application.name,
          apiKeyId: auth.apiKey.id,
        },
        this.config.executors,
        this.logger,
        this.recordCommand,
      );
      this.links.attach(link, auth.apiKey.expiresAt).catch((error: unknown) => {
        this.logger.error({ linkId: link.id, err: String(error) }, 'could not attach executor');
        link.close(1011, 'internal error');
      });
    });
  }
}
