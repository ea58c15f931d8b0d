import { ignore, Query, type QueryObserver, type QueryOptions, type RetryPolicy } from './query';
import { hashKey, keyStartsWith, type QueryKey } from './query-key';

export interface QueryClientConfig {
  defaults: { staleTime: number; retry: RetryPolicy };
  /** Told of every failed query and mutation (a lost session, say). */
  onError: (error: unknown) => void;
}

/** What a server-rendered page fetched, for the browser's cache. */
export interface DehydratedState {
  queries: { queryKey: QueryKey; data: unknown; dataUpdatedAt: number }[];
}

/** A query nothing shows for this long is forgotten. */
const UNUSED_QUERY_LIFETIME_MS = 5 * 60_000;

/**
 * The console's cache of control-plane answers, keyed by query key. Pages read it through
 * `useQuery`; mutations invalidate the keys they change, which refetches what is on screen.
 */
export class QueryClient {
  private readonly queries = new Map<string, Query>();
  private readonly forgetTimers = new Map<Query, ReturnType<typeof setTimeout>>();

  constructor(readonly config: QueryClientConfig) {}

  /** The query for these options, made on first use; its fetch options follow the latest. */
  query<T>(options: QueryOptions<T>): Query<T> {
    const hash = hashKey(options.queryKey);
    let query = this.queries.get(hash) as Query<T> | undefined;
    if (!query) {
      query = new Query<T>(options, this.config.onError);
      this.queries.set(hash, query);
    }
    query.options = { retry: this.config.defaults.retry, ...options };
    return query;
  }

  /** Fetches unless a fresh answer is cached; a failure stays in the query, never thrown. */
  async prefetchQuery<T>(options: QueryOptions<T>): Promise<void> {
    const query = this.query(options);
    if (query.isStale(options.staleTime ?? this.config.defaults.staleTime)) {
      await query.fetch().catch(ignore);
    }
  }

  /** Marks the matching queries stale and refetches those on screen; never rejects. */
  async invalidateQueries({ queryKey }: { queryKey: QueryKey }): Promise<void> {
    const refetches: Promise<unknown>[] = [];
    for (const query of this.matching(queryKey)) {
      query.invalidate();
      if (query.isActive()) refetches.push(query.fetch({ cancelRunning: true }).catch(ignore));
    }
    await Promise.all(refetches);
  }

  /** Forgets the matching queries (all of them without a key). */
  removeQueries({ queryKey }: { queryKey?: QueryKey } = {}): void {
    for (const [hash, query] of this.queries) {
      if (!queryKey || keyStartsWith(query.options.queryKey, queryKey)) this.forget(hash, query);
    }
  }

  /** Refetches what is on screen and stale: the tab came back into view or back online. */
  refetchStale(): void {
    for (const query of this.queries.values()) {
      if (query.isStaleForObservers()) query.fetch().catch(ignore);
    }
  }

  /**
   * A page shows the query: fetch it if it is stale for that page, and keep it; once no page
   * does, forget it after a while.
   */
  observe(query: Query, observer: QueryObserver): () => void {
    clearTimeout(this.forgetTimers.get(query));
    this.forgetTimers.delete(query);
    query.observers.add(observer);
    if (observer.enabled && query.isStale(observer.staleTime)) query.fetch().catch(ignore);
    return () => {
      query.observers.delete(observer);
      if (query.observers.size > 0) return;
      const hash = hashKey(query.options.queryKey);
      this.forgetTimers.set(
        query,
        setTimeout(() => this.forget(hash, query), UNUSED_QUERY_LIFETIME_MS),
      );
    };
  }

  dehydrate(): DehydratedState {
    return {
      queries: [...this.queries.values()]
        .filter((query) => query.state.status === 'success')
        .map(({ options, state }) => ({
          queryKey: options.queryKey,
          data: state.data,
          dataUpdatedAt: state.dataUpdatedAt,
        })),
    };
  }

  /** Takes a server-rendered page's answers; `onlyNew` leaves queries already cached alone. */
  hydrate(state: DehydratedState, { onlyNew }: { onlyNew: boolean }): void {
    for (const { queryKey, data, dataUpdatedAt } of state.queries) {
      const cached = this.queries.get(hashKey(queryKey));
      if (onlyNew ? cached : !cached) continue;
      // A new query gets its real fetcher from the first page that shows it.
      const query = cached ?? this.query({ queryKey, queryFn: () => Promise.resolve(data) });
      query.setData(data, dataUpdatedAt);
    }
  }

  private matching(prefix: QueryKey): Query[] {
    return [...this.queries.values()].filter((q) => keyStartsWith(q.options.queryKey, prefix));
  }

  private forget(hash: string, query: Query): void {
    clearTimeout(this.forgetTimers.get(query));
    this.forgetTimers.delete(query);
    if (this.queries.get(hash) === query) this.queries.delete(hash);
  }
}
