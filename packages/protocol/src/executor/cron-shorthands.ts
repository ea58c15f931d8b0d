/**
 * The shorthands a schedule's cron expression (`schedule` in the schedule messages) may be, as
 * the five fields each stands for: DBOS's SDKs and @podium/sdk take them alike.
 */
export const CRON_SHORTHANDS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
