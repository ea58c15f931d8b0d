/**
 * What every SQL part of `SqlStorage` starts from: the driver, the schema, and the qualified
 * names of the SDK's tables in that schema, spelt here once.
 */
import type { SqlDriver } from './driver';

export abstract class SqlPart {
  /** `workflow_status`: one row per workflow. */
  protected readonly ws: string;
  /** `operation_outputs`: one row per recorded step. */
  protected readonly ops: string;
  /** `notifications`: messages sent to workflows. */
  protected readonly notifications: string;
  /** `workflow_events`: the events workflows set. */
  protected readonly events: string;
  /** `workflow_events_history`: every value each setEvent wrote (a rewind's undo log). */
  protected readonly eventHistory: string;
  /** `streams`: the values workflows wrote to their streams, by key and offset. */
  protected readonly streamEntries: string;
  /** `schedules`: cron schedules and where their ticks are. */
  protected readonly scheduleTable: string;
  /** `application_versions`: the versions each application has run, and which is latest. */
  protected readonly versionTable: string;

  constructor(
    protected readonly driver: SqlDriver,
    protected readonly schema: string,
  ) {
    this.ws = `${schema}.workflow_status`;
    this.ops = `${schema}.operation_outputs`;
    this.notifications = `${schema}.notifications`;
    this.events = `${schema}.workflow_events`;
    this.eventHistory = `${schema}.workflow_events_history`;
    this.streamEntries = `${schema}.streams`;
    this.scheduleTable = `${schema}.schedules`;
    this.versionTable = `${schema}.application_versions`;
  }
}
