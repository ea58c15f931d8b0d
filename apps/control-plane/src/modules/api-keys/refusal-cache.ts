/**
 * Remembers secrets that can never authenticate (unknown, revoked, expired) so a
 * refused executor retrying every second, forever, costs a map lookup instead of
 * a database query. Bounded: the oldest entry goes first.
 */
export class RefusalCache {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  has(secretHash: string, now = Date.now()): boolean {
    const until = this.entries.get(secretHash);
    if (until === undefined) return false;
    if (until > now) return true;
    this.entries.delete(secretHash);
    return false;
  }

  add(secretHash: string, now = Date.now()): void {
    this.entries.delete(secretHash);
    this.entries.set(secretHash, now + this.ttlMs);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
