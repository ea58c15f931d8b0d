/**
 * SQL for application versions (part of `SqlStorage`): which versions each application has
 * run, and which is latest, the one with the highest timestamp (ties: the newest row).
 */
import { randomUUID } from 'node:crypto';
import { NOW_MS, type Row } from './rows';
import type { ApplicationVersionRecord, VersionStorage } from './schedule-storage';
import { SqlPart } from './sql-part';

/** A scalar subquery: the latest version name of the application bound at `appParam`. */
export function latestVersionSql(table: string, appParam: string): string {
  return `(SELECT version_name FROM ${table} WHERE application_name = ${appParam}
    ORDER BY version_timestamp DESC, created_at DESC, version_name LIMIT 1)`;
}

export class SqlVersions extends SqlPart implements VersionStorage {
  async registerVersion(applicationName: string, versionName: string): Promise<void> {
    await this.driver.query(
      `INSERT INTO ${this.versionTable}
         (version_id, application_name, version_name, version_timestamp, created_at)
       VALUES ($1, $2, $3, ${NOW_MS}, ${NOW_MS})
       ON CONFLICT (application_name, version_name) DO NOTHING`,
      [randomUUID(), applicationName, versionName],
    );
  }

  async listVersions(applicationName: string): Promise<ApplicationVersionRecord[]> {
    const rows = await this.driver.query<Row>(
      `SELECT * FROM ${this.versionTable} WHERE application_name = $1
       ORDER BY version_timestamp DESC, created_at DESC, version_name`,
      [applicationName],
    );
    return rows.map((row) => ({
      versionId: String(row.version_id),
      versionName: String(row.version_name),
      versionTimestamp: Number(row.version_timestamp),
      createdAt: Number(row.created_at),
    }));
  }

  async setLatestVersion(applicationName: string, versionName: string): Promise<boolean> {
    // Above every other timestamp even if clocks disagree or two promotions share a millisecond.
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.versionTable} SET version_timestamp = GREATEST(${NOW_MS},
         (SELECT max(version_timestamp) + 1 FROM ${this.versionTable} WHERE application_name = $1))
       WHERE application_name = $1 AND version_name = $2
       RETURNING version_id`,
      [applicationName, versionName],
    );
    return rows.length > 0;
  }
}
