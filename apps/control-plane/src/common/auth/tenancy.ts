/**
 * The tenancy every request resolves: the organization and application named in its path, as
 * their repositories read them and the access guard puts them in the request context. Shared
 * vocabulary of the guards, the controllers and every service that works in a tenant.
 */

export interface OrganizationRecord {
  readonly id: string;
  /** Unique; what paths name (`/v2/orgs/{org}`). */
  readonly name: string;
  readonly displayName: string;
  readonly auditLogRetentionDays: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ApplicationRecord {
  readonly id: string;
  readonly organizationId: string;
  /** Unique in its organization; what executors connect with and paths name (`{app}`). */
  readonly name: string;
  readonly description: string;
  /** DBOS `executorTimeoutSecs`: the grace before a disconnected executor is DEAD. */
  readonly executorGracePeriodSeconds: number;
  /** Retention and timeout thresholds (DBOS app settings); null = not set. */
  readonly gcTimeThresholdMs: bigint | null;
  readonly gcRowsThreshold: bigint | null;
  readonly globalTimeoutMs: bigint | null;
  /** Metadata-only mode (see `isPrivateMode`). */
  readonly privateMode: boolean;
  readonly retentionPushedAt: Date | null;
  readonly retentionPushOutcome: string | null;
  readonly retentionPushExecutorId: string | null;
  readonly retentionPushDetail: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
