import { LiveEventSchema } from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { HEARTBEAT_MS } from './live-streams';

/** The live stream (see LiveController). */
export const LIVE_ROUTES = routeTable({
  streamApplicationEvents: {
    method: 'get',
    path: '/v2/orgs/{org}/apps/{app}/events',
    summary: 'Live executor changes (server-sent events)',
    description: `A \`text/event-stream\`: a \`snapshot\` of the connected executors, then \`executor.connected\` / \`executor.disconnected\` as links open and close, \`executor.dead\` when a disconnected executor outlives its application's grace period, and \`executor.recovered\` once none of its workflows is left PENDING. A \`: heartbeat\` comment every ${HEARTBEAT_MS / 1000} s.`,
    tag: 'Live',
    access: 'read',
    media: 'text/event-stream',
    response: LiveEventSchema,
  },
});
