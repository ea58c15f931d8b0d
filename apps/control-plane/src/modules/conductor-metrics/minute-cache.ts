/**
 * One value per key and window, shared: callers asking for the same key in the same window get
 * the same promise, in flight or settled, so N scrapes in a minute cost one load. A new window
 * replaces the key's entry; a failed load is forgotten (the next scrape tries again).
 */
export class MinuteCache<T> {
  private readonly entries = new Map<string, { windowMs: number; value: Promise<T> }>();

  get(key: string, windowMs: number, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry?.windowMs === windowMs) return entry.value;
    const value = load();
    this.entries.set(key, { windowMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Drops keys that were not asked for in this window (deleted applications). */
  keepOnly(windowMs: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.windowMs !== windowMs) this.entries.delete(key);
    }
  }
}
