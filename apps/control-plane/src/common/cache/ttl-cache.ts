/**
 * A small map whose entries expire after `ttlMs`, bounded to `maxEntries`
 * (the oldest entry goes first). For hot-path lookups whose staleness is
 * allowed to be at most `ttlMs` (or 2 × `ttlMs` through `getOrLoad`).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  private readonly loading = new Map<K, Promise<V | null>>();
  /** Bumped by every invalidation: a load that began before one must not store its answer. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.until > now ? entry.value : undefined;
  }

  set(key: K, value: V, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /**
   * The cached value, else `load()`'s (misses, i.e. null, are not kept).
   * Concurrent misses share one load; an entry up to one ttl past expiry is
   * served while a single background load refreshes it. Without this, every
   * request arriving while an expired hot entry reloads runs its own query
   * (the proxy benchmark's p99 showed that storm once a second).
   */
  async getOrLoad(key: K, load: () => Promise<V | null>, now = Date.now()): Promise<V | null> {
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry.value;
    if (entry && entry.until + this.ttlMs > now) {
      void this.loadOnce(key, load).catch(() => undefined); // the next caller retries
      return entry.value;
    }
    return this.loadOnce(key, load);
  }

  private loadOnce(key: K, load: () => Promise<V | null>): Promise<V | null> {
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const loaded = load()
      .then((value) => {
        if (generation !== this.generation) return value; // read before an invalidation
        if (value === null) this.entries.delete(key);
        else this.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
      });
    this.loading.set(key, loaded);
    return loaded;
  }

  /**
   * Drops every entry whose value matches (e.g. everything about one deleted record). Loads
   * under way may have read the record before the change: they are neither kept nor shared.
   */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
    this.generation += 1;
    this.loading.clear();
  }
}
