import type {
  BackfillScheduleRequest,
  BackfillScheduleResponse,
  Schedule,
  TriggerScheduleResponse,
} from '@podium/protocol/rest';
import { getJson, sendJson, sendWithoutContent, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';

// The one place that knows the schedules endpoints' shapes (a list's wrapper may change).
const schedulesPath = (org: string, app: string) => `${appPath(org, app)}/schedules`;
const schedulePath = (org: string, app: string, name: string) =>
  `${schedulesPath(org, app)}/${encodeURIComponent(name)}`;

/** `GET .../schedules`: read live from a connected executor (503 when none is). */
export function fetchSchedules(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<Schedule[]> {
  return getJson(schedulesPath(org, app), 'ListSchedulesResponseSchema', options);
}

/** `POST .../schedules/{name}/pause` or `/resume` (204). */
export function setSchedulePaused(
  org: string,
  app: string,
  name: string,
  paused: boolean,
): Promise<void> {
  return sendWithoutContent(
    'POST',
    `${schedulePath(org, app, name)}/${paused ? 'pause' : 'resume'}`,
  );
}

/** `POST .../schedules/{name}/trigger`: one run now; its workflow id. */
export function triggerSchedule(
  org: string,
  app: string,
  name: string,
): Promise<TriggerScheduleResponse> {
  return sendJson(
    'POST',
    `${schedulePath(org, app, name)}/trigger`,
    undefined,
    'TriggerScheduleResponseSchema',
  );
}

/** `POST .../schedules/{name}/backfill`: one run per tick of the window not run yet. */
export function backfillSchedule(
  org: string,
  app: string,
  name: string,
  window: BackfillScheduleRequest,
): Promise<BackfillScheduleResponse> {
  return sendJson(
    'POST',
    `${schedulePath(org, app, name)}/backfill`,
    window,
    'BackfillScheduleResponseSchema',
  );
}
