import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { ExecutorLink } from '../../src/modules/executors/links/executor-link';
import type { LiveExecutor } from '../../src/modules/executors/executor-registry';

/** What a scripted executor does with one request: answer, stay silent, or hang up. */
export type Script = (
  request: { type: string; request_id: string } & Record<string, unknown>,
) => Record<string, unknown> | 'silent' | 'hang-up' | Promise<Record<string, unknown> | 'silent'>;

export interface ScriptedExecutor {
  readonly live: LiveExecutor;
  /** Types of every request this executor received, in order. */
  readonly received: string[];
  readonly client: WebSocket;
  /** The control plane's end of the socket (the one the link wraps). */
  readonly socket: WebSocket;
  disconnect(): Promise<void>;
}

/**
 * Real WebSocket pairs on loopback without the rest of the control plane: the server side is
 * a real ExecutorLink, the client side a scripted executor. For proxy tests that need exact
 * control over timing, order and disconnects.
 */
export async function startLinkHarness(options: { requestTimeoutMs: number }) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const logger = pino({ level: 'silent' });
  const executors: ScriptedExecutor[] = [];

  async function connect(
    executorId: string,
    applicationVersion: string,
    script: Script,
    sdkVersion = '5.2.11',
  ): Promise<ScriptedExecutor> {
    const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(url);
    const received: string[] = [];
    client.on('message', (data: Buffer) => {
      const request = JSON.parse(data.toString()) as { type: string; request_id: string };
      received.push(request.type);
      void Promise.resolve(script(request)).then((answer) => {
        if (answer === 'silent') return;
        if (answer === 'hang-up') return client.terminate();
        client.send(
          JSON.stringify({ type: request.type, request_id: request.request_id, ...answer }),
        );
      });
    });
    const [socket] = await accepted;
    await once(client, 'open');
    const link = new ExecutorLink(
      socket,
      { organizationId: 'org', applicationId: 'app', appName: 'app', apiKeyId: 'key' },
      { requestTimeoutMs: options.requestTimeoutMs, pingIntervalMs: 60_000 },
      logger,
    );
    const identity = {
      executorId,
      applicationVersion,
      hostname: 'test',
      language: 'typescript',
      sdkVersion,
      metadata: null,
    };
    const executor: ScriptedExecutor = {
      live: { link, identity },
      received,
      client,
      socket,
      disconnect: async () => {
        if (!link.isOpen) return;
        const closed = new Promise<void>((resolve) => link.onClose(resolve));
        client.terminate();
        await closed;
      },
    };
    executors.push(executor);
    return executor;
  }

  return {
    connect,
    /** Requests still waiting for an answer, over every link. */
    pending: () => executors.reduce((n, e) => n + e.live.link.pendingCount, 0),
    close: async () => {
      for (const e of executors) e.client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
