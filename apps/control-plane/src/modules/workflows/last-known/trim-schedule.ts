/** The share of the size bound an application may grow past it before a replica trims it. */
const TRIM_SLACK_SHARE = 0.05;

/**
 * When this replica trims an application's last-known rows back to the size bound. A trim walks
 * all of the application's rows (finding the newest `maxRows` is a sort), so trimming after every
 * flush cost a busy application a walk of up to 10,000 rows five times a second. A trim is due
 * at the application's first write on this replica, then once the writes here have added a
 * share of the bound in new rows: an application holds at most its bound plus that share per
 * replica, and a small bound (under 40 rows) is still trimmed at every new row.
 */
export class TrimSchedule {
  private readonly slack: number;
  /** New rows this replica wrote per application since it last trimmed it. */
  private readonly addedSinceTrim = new Map<string, number>();

  constructor(maxRows: number) {
    this.slack = Math.max(1, Math.floor(maxRows * TRIM_SLACK_SHARE));
  }

  /** Counts `added` new rows of the application; true when it is due a trim. */
  add(applicationId: string, added: number): boolean {
    const sinceTrim = this.addedSinceTrim.get(applicationId);
    if (sinceTrim === undefined) return true;
    this.addedSinceTrim.set(applicationId, sinceTrim + added);
    return sinceTrim + added >= this.slack;
  }

  /** The application was just trimmed: count its new rows from zero. */
  trimmed(applicationId: string): void {
    this.addedSinceTrim.set(applicationId, 0);
  }

  /** The application's rows are gone (deleted, or no longer indexed). */
  forget(applicationId: string): void {
    this.addedSinceTrim.delete(applicationId);
  }
}
