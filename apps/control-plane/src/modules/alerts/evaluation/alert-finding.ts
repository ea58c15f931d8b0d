/**
 * What one look at a rule's condition found: whether it holds, and what a notification says
 * (`metadata` is the `alert` message's string map: DBOS's keys for its rule types).
 */
export interface AlertFinding {
  readonly active: boolean;
  readonly message: string;
  readonly metadata: Readonly<Record<string, string>>;
}
