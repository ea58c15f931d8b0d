import type { TimelineEventKind, TimelineResponse } from '@podium/protocol/rest';
import { getJson, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';
import { orgPath } from '../organizations/api';

export interface TimelineFilters {
  /** Empty: every kind. */
  readonly kinds: readonly TimelineEventKind[];
  /** ISO; null: from the beginning. */
  readonly startTime: string | null;
  readonly limit: number;
}

/** `GET .../timeline` of an organization (`app` null) or of one application, newest first. */
export function fetchTimeline(
  org: string,
  app: string | null,
  filters: TimelineFilters,
  options?: RequestOptions,
): Promise<TimelineResponse> {
  const query = new URLSearchParams({ limit: String(filters.limit) });
  if (filters.kinds.length > 0) query.set('kinds', filters.kinds.join(','));
  if (filters.startTime) query.set('startTime', filters.startTime);
  const base = app ? appPath(org, app) : orgPath(org);
  return getJson(`${base}/timeline?${query}`, 'TimelineResponseSchema', options);
}
