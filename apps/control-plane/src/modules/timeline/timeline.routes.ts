import { TimelineQuerySchema, TimelineResponseSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

const tag = 'Timeline';
const description =
  'Podium’s own (DBOS Conductor has none). Alerts fired and resolved, executors connected, disconnected, declared dead and recovered (each executor’s latest link), versions first seen, and operator actions from the audit log (`audit`, only to those who may read the audit log: signed-in members with `organization.read`, never an API key), newest first, as a bare array. Page with `limit`/`offset`; narrow with `startTime`/`endTime` and `kinds`.';
const shape = {
  tag,
  description,
  access: 'read',
  query: TimelineQuerySchema,
  response: TimelineResponseSchema,
} as const;

/** The incident timeline (see TimelineController). */
export const TIMELINE_ROUTES = routeTable({
  getOrgTimeline: {
    method: 'get',
    path: '/v2/orgs/{org}/timeline',
    summary: "What happened across the organization's applications, newest first",
    ...shape,
  },
  getAppTimeline: {
    method: 'get',
    path: '/v2/orgs/{org}/apps/{app}/timeline',
    summary: 'What happened to the application, newest first',
    ...shape,
  },
});
