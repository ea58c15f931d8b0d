import type { Application, ApplicationSettingsChange } from '@podium/protocol';

/** A changed setting, for the audit log: what it was and what it became. */
export interface SettingChange {
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * The settings a PATCH named whose value differs between `before` and `after` (API names and
 * values: a cleared threshold is null). What `application.update` audit entries record.
 */
export function settingChanges(
  requested: ApplicationSettingsChange,
  before: Application,
  after: Application,
): Record<string, SettingChange> {
  const changes: Record<string, SettingChange> = {};
  for (const key of Object.keys(requested) as Array<keyof ApplicationSettingsChange>) {
    if (requested[key] === undefined || before[key] === after[key]) continue;
    changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
