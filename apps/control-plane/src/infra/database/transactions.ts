import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma, PrismaClient } from '@podium/db';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { DATABASE } from './database.tokens';

/**
 * One database transaction around a unit of work, without threading a client through every
 * call: repositories read `db.prisma`, which inside `Transactions.run` is that transaction's
 * client (see `transactionAware`). Used so that a change and its audit record commit together.
 *
 * Invariants:
 * - Inside a transaction, a repository's own `$transaction` joins it (no nested transaction).
 * - Work started inside but still running after the end (a background refresh) falls back to
 *   the plain client instead of a finished transaction.
 * - What must follow the commit (events, cache invalidation) goes through `afterCommit`; it
 *   never runs for a transaction that rolled back.
 */
interface TransactionScope {
  readonly client: PrismaClient;
  readonly afterCommit: Array<() => void>;
  open: boolean;
}

const scope = new AsyncLocalStorage<TransactionScope>();

/** Interactive transactions here are short: a few statements on one connection. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/** `db` whose `prisma` is the current transaction's client inside `Transactions.run`. */
export function transactionAware(db: Database): Database {
  return Object.create(db, {
    prisma: {
      get: (): PrismaClient => {
        const current = scope.getStore();
        return current?.open ? current.client : db.prisma;
      },
    },
  }) as Database;
}

@Injectable()
export class Transactions {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs `work` in one transaction (joining the current one, if any). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (scope.getStore()?.open) return work();
    const afterCommit: Array<() => void> = [];
    let current: TransactionScope | undefined;
    try {
      const result = await this.db.prisma.$transaction((tx) => {
        current = { client: joiningClient(tx), afterCommit, open: true };
        return scope.run(current, work);
      }, TRANSACTION_OPTIONS);
      if (current) current.open = false;
      for (const task of afterCommit) this.runSafely(task);
      return result;
    } finally {
      if (current) current.open = false;
    }
  }

  /** Runs `task` once the current transaction commits (at once outside one). */
  afterCommit(task: () => void): void {
    const current = scope.getStore();
    if (current?.open) current.afterCommit.push(task);
    else task();
  }

  private runSafely(task: () => void) {
    try {
      task();
    } catch (error) {
      this.logger.error({ err: String(error) }, 'an after-commit task failed');
    }
  }
}

/** The transaction client, whose `$transaction(fn)` runs `fn` inside the same transaction. */
function joiningClient(tx: Prisma.TransactionClient): PrismaClient {
  const joined: PrismaClient = new Proxy(tx, {
    get(target, property) {
      if (property === '$transaction') {
        return (work: unknown) =>
          typeof work === 'function'
            ? (work as (client: PrismaClient) => Promise<unknown>)(joined)
            : Promise.all(work as Array<Promise<unknown>>);
      }
      return Reflect.get(target, property) as unknown;
    },
  }) as PrismaClient;
  return joined;
}
