/**
 * PostgreSQL LISTEN on one dedicated connection (outside the pool, so listening never takes a
 * connection from queries). Opened on the first subscription only: an app that never waits
 * on a notification never opens it.
 *
 * Invariant: best effort. Waiters always bound their waits by a poll, so a lost connection
 * only delays them; it is logged and re-opened (every channel listened again) after a second.
 */
import pg from 'pg';
import type { Logger } from '../../logger';

const RECONNECT_DELAY_MS = 1_000;

type Handler = (payload: string) => void;

export class PgListener {
  private readonly handlers = new Map<string, Set<Handler>>();
  private connection: Promise<pg.Client> | undefined;
  /** The client of `connection`: events of an older, broken one are ignored. */
  private current: pg.Client | undefined;
  /** The channels LISTENed on the current connection. */
  private listening = new Set<string>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Calls `handler` with the payload of every notification on `channel` (an identifier). */
  async subscribe(channel: string, handler: Handler): Promise<() => Promise<void>> {
    const handlers = this.handlers.get(channel) ?? new Set();
    handlers.add(handler);
    this.handlers.set(channel, handlers);
    try {
      await this.listen(channel);
    } catch (error) {
      this.logger.warn({ channel, err: String(error) }, 'database LISTEN failed; polling only');
    }
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.handlers.delete(channel);
      return Promise.resolve();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    const client = await connection?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private async listen(channel: string): Promise<void> {
    const client = await this.connect();
    if (this.listening.has(channel)) return;
    await client.query(`LISTEN ${channel}`);
    this.listening.add(channel);
  }

  private connect(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('listener closed'));
    this.connection ??= this.open();
    return this.connection;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url });
    this.current = client;
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? [])
        handler(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.listening = new Set();
    try {
      await client.connect();
    } catch (error) {
      this.lost(client, error);
      throw error;
    }
    return client;
  }

  /** Forgets a broken connection and re-listens after a delay while anyone still listens. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || client !== this.current) return;
    this.logger.warn({ err: String(error) }, 'database LISTEN connection lost');
    this.current = undefined;
    this.connection = undefined;
    void client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      for (const channel of this.handlers.keys()) {
        // A failed reconnect schedules the next attempt itself (`open`).
        this.listen(channel).catch(() => undefined);
      }
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
