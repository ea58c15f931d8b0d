/**
 * Keeps one repeated log line from flooding the log (and the disk, and the process's memory
 * while stdout drains): per key, the first `burst` lines of each window are written, the rest
 * only counted, and the next line written after them says how many were left out.
 * Bounded: at most `maxKeys` keys are remembered (the oldest go first).
 */
export interface ThrottleWindow {
  readonly burst: number;
  readonly windowMs: number;
}

export const DEFAULT_LOG_WINDOW: ThrottleWindow = { burst: 5, windowMs: 60_000 };

export class LogThrottle {
  private readonly keys = new Map<string, { since: number; written: number; skipped: number }>();

  constructor(
    private readonly window: ThrottleWindow = DEFAULT_LOG_WINDOW,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /**
   * Null when this line is to be left out; otherwise how many lines of this key were left out
   * since the last one written (0 for none), to put on the line.
   */
  admit(key: string): { suppressed: number } | null {
    const now = this.now();
    let state = this.keys.get(key);
    if (!state || now - state.since >= this.window.windowMs) {
      const skipped = state?.skipped ?? 0;
      state = { since: now, written: 0, skipped };
      this.keys.delete(key);
      this.keys.set(key, state);
      if (this.keys.size > this.maxKeys) {
        const oldest = this.keys.keys().next().value;
        if (oldest !== undefined) this.keys.delete(oldest);
      }
    }
    if (state.written >= this.window.burst) {
      state.skipped += 1;
      return null;
    }
    state.written += 1;
    const suppressed = state.skipped;
    state.skipped = 0;
    return { suppressed };
  }
}

/** The fields to add to an admitted line: `suppressed` only when lines were left out. */
export function suppressedField(admitted: { suppressed: number }): { suppressed?: number } {
  return admitted.suppressed > 0 ? { suppressed: admitted.suppressed } : {};
}
