import type { QueryKey } from './query-key';

export type RetryPolicy = boolean | number | ((failureCount: number, error: unknown) => boolean);

export interface QueryOptions<T> {
  queryKey: QueryKey;
  queryFn: (context: { signal: AbortSignal; queryKey: QueryKey }) => Promise<T>;
  /** How long an answer counts as fresh: a newly shown or refocused page asks again after it. */
  staleTime?: number;
  retry?: RetryPolicy;
}

/** `placeholderData` marker: while a new key loads, keep showing the previous key's data. */
export const keepPreviousData = 'keep-previous-data' as const;

/** What a page asks of a query besides its answer. */
export interface UseQueryOptions<T> extends QueryOptions<T> {
  /** Off: never fetches (stays pending unless cached). */
  enabled?: boolean;
  /** Asks again this often while shown and the tab is visible. */
  refetchInterval?: number | false;
  placeholderData?: typeof keepPreviousData;
}

/** Checks a query factory's options (`workflowQueries.detail(…)`) and keeps their types. */
export function queryOptions<O extends UseQueryOptions<unknown>>(options: O): O {
  return options;
}

export interface QueryState<T> {
  status: 'pending' | 'error' | 'success';
  data: T | undefined;
  error: Error | null;
  isFetching: boolean;
  /** When the data arrived (ms since the epoch); 0 before it did. */
  dataUpdatedAt: number;
}

/** What a page showing the query wants of it. */
export interface QueryObserver {
  enabled: boolean;
  staleTime: number;
}

const RETRY_DELAY_MAX_MS = 30_000;

function retries(policy: RetryPolicy | undefined, failureCount: number, error: unknown): boolean {
  if (typeof policy === 'function') return policy(failureCount, error);
  if (typeof policy === 'number') return failureCount < policy;
  return policy === true;
}

/** For a fetch whose failure the query itself records (its state, the client's `onError`). */
export const ignore = () => undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One cached answer and the request that refreshes it. Concurrent fetches share one request;
 * a forced refetch (after an invalidation) aborts the running one, whose late answer is then
 * ignored, so data older than a change never overwrites data newer than it.
 */
export class Query<T = unknown> {
  state: QueryState<T> = {
    status: 'pending',
    data: undefined,
    error: null,
    isFetching: false,
    dataUpdatedAt: 0,
  };
  readonly observers = new Set<QueryObserver>();
  private readonly listeners = new Set<() => void>();
  private invalidated = false;
  private running?: { controller: AbortController; promise: Promise<T> };

  constructor(
    public options: QueryOptions<T>,
    private readonly onError: (error: unknown) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): QueryState<T> => this.state;

  isStale(staleTime: number): boolean {
    return (
      this.invalidated ||
      this.state.status !== 'success' ||
      Date.now() - this.state.dataUpdatedAt >= staleTime
    );
  }

  /** Whether a page shows it with fetching on. */
  isActive(): boolean {
    return [...this.observers].some((observer) => observer.enabled);
  }

  /** Whether it is stale for one of the pages that show it with fetching on. */
  isStaleForObservers(): boolean {
    return [...this.observers].some((o) => o.enabled && this.isStale(o.staleTime));
  }

  invalidate(): void {
    this.invalidated = true;
  }

  /** Puts an answer fetched elsewhere (the server's) in place, unless a newer one is here. */
  setData(data: T, updatedAt = Date.now()): void {
    if (this.state.dataUpdatedAt >= updatedAt) return;
    this.invalidated = false;
    this.update({ status: 'success', data, error: null, dataUpdatedAt: updatedAt });
  }

  fetch({ cancelRunning = false } = {}): Promise<T> {
    if (this.running && !cancelRunning) return this.running.promise;
    this.running?.controller.abort();
    const controller = new AbortController();
    const promise = this.request(controller.signal).then(
      (data) => {
        if (this.running?.controller !== controller) return data;
        this.running = undefined;
        this.invalidated = false;
        this.update({
          status: 'success',
          data,
          error: null,
          isFetching: false,
          dataUpdatedAt: Date.now(),
        });
        return data;
      },
      (error: unknown) => {
        if (this.running?.controller === controller) {
          this.running = undefined;
          // Stored as thrown (an AppError, a network failure), as TanStack Query did.
          this.update({ status: 'error', error: error as Error, isFetching: false });
          this.onError(error);
        }
        throw error;
      },
    );
    this.running = { controller, promise };
    if (!this.state.isFetching) this.update({ isFetching: true });
    return promise;
  }

  private async request(signal: AbortSignal): Promise<T> {
    for (let failureCount = 0; ; failureCount++) {
      try {
        return await this.options.queryFn({ signal, queryKey: this.options.queryKey });
      } catch (error) {
        if (signal.aborted || !retries(this.options.retry, failureCount, error)) throw error;
        await sleep(Math.min(1_000 * 2 ** failureCount, RETRY_DELAY_MAX_MS));
        if (signal.aborted) throw error;
      }
    }
  }

  private update(change: Partial<QueryState<T>>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
