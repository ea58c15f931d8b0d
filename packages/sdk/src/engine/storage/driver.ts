/**
 * The minimal SQL surface the storage needs, with one implementation per database. Keeping
 * the seam this narrow is what lets a single SQL implementation serve PostgreSQL and PGlite.
 *
 * Invariant: every query and transaction settles, even across `close()`. Closing waits for
 * the work in flight first: `pg` never serves (nor fails) a query still waiting for a pooled
 * connection once the pool has ended, so it would stay pending forever. Work begun after the
 * close has ended the pool fails at once.
 */
import { mkdir } from 'node:fs/promises';
import pg, { type Pool, type PoolClient } from 'pg';
import { ConfigurationError } from '../../errors';
import type { Logger } from '../../logger';
import type { PGliteInstance } from '../../options';
import { PgListener } from './pg-listener';

export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface SqlDriver extends Queryable {
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `handler` with the payload of every NOTIFY on `channel` (a lower-case identifier),
   * from any process. Best effort: notifications may be lost (see pg-listener), so waiters
   * still poll. Returns the unsubscribe. Closing the driver unsubscribes everyone.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;

  /**
   * Runs `fn` on one connection, each statement its own transaction: for session-scoped
   * advisory locks. If `fn` throws, the connection is discarded (and its locks with it).
   * PGlite has a single connection, which every caller shares.
   */
  session<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** Waits for the queries and transactions in flight, then closes. */
  close(): Promise<void>;
}

/** The operations in flight on a driver. */
class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(operation: Promise<T>): Promise<T> {
    this.pending.add(operation);
    const forget = () => this.pending.delete(operation);
    void operation.then(forget, forget);
    return operation;
  }

  /** Resolves once nothing is in flight, including work begun while waiting. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

export class PgDriver implements SqlDriver {
  private readonly inFlight = new InFlight();

  constructor(
    private readonly pool: Pool,
    private readonly listener: PgListener,
  ) {}

  static connect(url: string, poolSize: number, logger: Logger): PgDriver {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client losing its connection must not crash the process.
    pool.on('error', (error) => logger.warn({ err: error.message }, 'idle database client error'));
    return new PgDriver(pool, new PgListener(url, logger));
  }

  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    return this.listener.subscribe(channel, handler);
  }

  query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.inFlight.track(this.pool.query(sql, params).then((result) => result.rows as T[]));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inFlight.track(this.runTransaction(fn));
  }

  session<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    return this.inFlight.track(this.runSession(fn));
  }

  private async runSession<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    try {
      const result = await fn({
        query: async <R>(sql: string, params?: unknown[]) =>
          (await client.query(sql, params)).rows as R[],
      });
      client.release();
      return result;
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  private async runTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params?: unknown[]) =>
          (await client.query(sql, params)).rows as R[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.inFlight.settle();
    await this.listener.close();
    await this.pool.end();
  }
}

export class PGliteDriver implements SqlDriver {
  private readonly inFlight = new InFlight();
  /** Unsubscribes of `listen`: an instance the app gave us outlives this driver. */
  private readonly unlistens = new Set<() => Promise<void>>();

  constructor(
    private readonly db: PGliteInstance,
    private readonly owned: boolean,
  ) {}

  /** Opens a data directory (or `memory://`); `@electric-sql/pglite` is an optional peer. */
  static async open(dataDir: string): Promise<PGliteDriver> {
    let module: { PGlite: { create(dataDir: string): Promise<unknown> } };
    try {
      module = await import('@electric-sql/pglite');
    } catch (error) {
      throw new ConfigurationError(['dataDir needs the optional dependency @electric-sql/pglite'], {
        cause: error,
      });
    }
    // PGlite makes the folder itself, not its parents (`.data/example` on a fresh checkout).
    if (!dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
    const db = await module.PGlite.create(dataDir);
    return new PGliteDriver(db as PGliteInstance, true);
  }

  query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.inFlight.track(this.db.query<T>(sql, params).then((result) => result.rows));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inFlight.track(
      this.db.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params?: unknown[]) =>
            (await tx.query<R>(sql, params)).rows,
        }),
      ),
    );
  }

  /** An instance without `listen` (a structural stand-in) only gets in-process wake-ups. */
  async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    if (this.db.listen === undefined) return () => Promise.resolve();
    const unlisten = await this.db.listen(channel, handler);
    const unsubscribe = async () => {
      if (this.unlistens.delete(unsubscribe)) await unlisten();
    };
    this.unlistens.add(unsubscribe);
    return unsubscribe;
  }

  session<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    return this.inFlight.track(fn(this));
  }

  async close(): Promise<void> {
    await this.inFlight.settle();
    await Promise.all(
      [...this.unlistens].map((unsubscribe) => unsubscribe().catch(() => undefined)),
    );
    if (this.owned) await this.db.close();
  }
}
