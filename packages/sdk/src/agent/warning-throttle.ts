/**
 * At most one warning per interval for an event that comes in bursts: `note` calls `warn` with
 * how many events it stands for (those since the last warning, this one included) when the
 * interval has passed, and only counts otherwise.
 */
export class WarningThrottle {
  private lastWarnedAt: number | undefined;
  private unreported = 0;

  constructor(private readonly intervalMs: number) {}

  note(now: number, warn: (events: number) => void): void {
    this.unreported += 1;
    if (this.lastWarnedAt !== undefined && now - this.lastWarnedAt < this.intervalMs) return;
    this.lastWarnedAt = now;
    const events = this.unreported;
    this.unreported = 0;
    warn(events);
  }
}
