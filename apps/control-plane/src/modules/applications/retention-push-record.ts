/** The outcome of one retention push, as an application's record keeps the last one. */
export interface RetentionPushRecord {
  readonly at: Date;
  readonly outcome: 'delivered' | 'failed' | 'no_executor';
  readonly executorId: string | null;
  readonly detail: string | null;
}
