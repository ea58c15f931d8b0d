import { Injectable } from '@nestjs/common';
import {
  TIMELINE_EVENT_KINDS,
  type TimelineEvent,
  type TimelineEventKind,
  type TimelineQuery,
  type TimelineResponse,
} from '@podium/protocol';
import type { OrgScope } from '../../common/auth/request-context';
import type { ApplicationRecord } from '../../common/auth/tenancy';
import { mapAlertEvent, mapAuditEntry, mapExecutorMoment, mapVersion } from './timeline-events';
import {
  EXECUTOR_MOMENTS,
  type ExecutorMoment,
  TimelineRepository,
  type TimelineScope,
  type TimelineWindow,
} from './timeline.repository';

const EPOCH = new Date(0);
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

/**
 * The incident timeline of an organization or one of its applications: each source's newest
 * `offset + limit` events in the window, merged newest first, then the page cut. Operator
 * actions (`audit`) are the audit log's, so only those who may read it see them: signed-in
 * members with `organization.read` (others get the rest).
 */
@Injectable()
export class TimelineService {
  constructor(private readonly timeline: TimelineRepository) {}

  async findTimeline(
    scope: OrgScope,
    application: ApplicationRecord | null,
    query: TimelineQuery,
  ): Promise<TimelineResponse> {
    const organizationId = scope.organization.id;
    const names = await this.timeline.findApplicationNames(organizationId);
    const where: TimelineScope = application
      ? { organizationId, applicationIds: [application.id], application }
      : { organizationId, applicationIds: [...names.keys()] };
    const window: TimelineWindow = {
      start: query.startTime ? new Date(query.startTime) : EPOCH,
      end: query.endTime ? new Date(query.endTime) : FAR_FUTURE,
      take: query.offset + query.limit,
    };
    const kinds = new Set<TimelineEventKind>(query.kinds ?? TIMELINE_EVENT_KINDS);
    // Audit entries are the audit log's: `organization.read`, and a signed-in member (no key
    // reads the audit log, whatever its permissions).
    const readsAuditLog =
      scope.principal.kind === 'user' && scope.permissions.includes('organization.read');
    if (!readsAuditLog) kinds.delete('audit');
    const appName = (id: string) => names.get(id) ?? null;

    const alertEvents = [
      ...(kinds.has('alert.fired') ? ['FIRING'] : []),
      ...(kinds.has('alert.resolved') ? ['RESOLVED'] : []),
    ];
    const moments = (Object.keys(EXECUTOR_MOMENTS) as ExecutorMoment[]).filter((k) => kinds.has(k));
    const sources: Array<Promise<TimelineEvent[]>> = [
      alertEvents.length === 0
        ? Promise.resolve([])
        : this.timeline
            .findAlertEvents(where, window, alertEvents)
            .then((rows) => rows.map((row) => mapAlertEvent(row, appName))),
      this.timeline
        .findExecutorMoments(where, window, moments)
        .then((rows) => rows.map((row) => mapExecutorMoment(row, appName))),
      !kinds.has('version.appeared')
        ? Promise.resolve([])
        : this.timeline
            .findVersionsFirstSeen(where, window)
            .then((rows) => rows.map((row) => mapVersion(row, appName))),
      !kinds.has('audit')
        ? Promise.resolve([])
        : this.timeline
            .findAuditEntries(where, window)
            .then((rows) => rows.map((row) => mapAuditEntry(row, appName))),
    ];
    const merged = (await Promise.all(sources)).flat().sort(newestFirst);
    return merged.slice(query.offset, query.offset + query.limit);
  }
}

/** Newest first; ties in a fixed order (by kind, then target) so pages do not shuffle. */
function newestFirst(a: TimelineEvent, b: TimelineEvent): number {
  return (
    b.at.localeCompare(a.at) ||
    a.kind.localeCompare(b.kind) ||
    a.target.id.localeCompare(b.target.id)
  );
}
