import type {
  Application,
  ApplicationSettingsChange,
  CreateApplicationRequest,
  RetentionPush,
} from '@podium/protocol';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import type { ApplicationFleet } from '../executors/application-fleet';
import type { ApplicationSettings } from './applications.repository';

/**
 * The record's `executorGracePeriodSeconds` is DBOS's `executorTimeoutSecs` on the wire; its
 * `status` and `language` come from its executors (`fleet`).
 */
export function mapApplication(
  application: ApplicationRecord,
  fleet: ApplicationFleet,
): Application {
  return {
    id: application.id,
    orgId: application.organizationId,
    name: application.name,
    status: fleet.connected ? 'AVAILABLE' : 'UNAVAILABLE',
    language: fleet.language,
    dbosCloud: false,
    description: application.description,
    executorTimeoutSecs: application.executorGracePeriodSeconds,
    gcTimeThresholdMs: numberOrNull(application.gcTimeThresholdMs),
    gcRowsThreshold: numberOrNull(application.gcRowsThreshold),
    globalTimeoutMs: numberOrNull(application.globalTimeoutMs),
    privateMode: application.privateMode,
    lastRetentionPush: mapRetentionPush(application),
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}

function mapRetentionPush(application: ApplicationRecord): RetentionPush | null {
  const { retentionPushedAt: at, retentionPushOutcome: outcome } = application;
  if (!at || !isPushOutcome(outcome)) return null;
  return {
    at: at.toISOString(),
    outcome,
    executorId: application.retentionPushExecutorId,
    detail: application.retentionPushDetail,
  };
}

function isPushOutcome(value: string | null): value is RetentionPush['outcome'] {
  return value === 'delivered' || value === 'failed' || value === 'no_executor';
}

function numberOrNull(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}

/** API settings (create or PATCH) as the applications table names them. */
export function toStoredSettings(
  settings: ApplicationSettingsChange | Omit<CreateApplicationRequest, 'name'>,
): ApplicationSettings {
  const { executorTimeoutSecs, ...rest } = settings;
  return {
    ...rest,
    ...(executorTimeoutSecs !== undefined && { executorGracePeriodSeconds: executorTimeoutSecs }),
  };
}
