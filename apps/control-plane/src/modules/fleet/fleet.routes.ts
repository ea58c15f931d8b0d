import {
  ListApplicationVersionsResponseSchema,
  ListExecutorsQuerySchema,
  ListExecutorsResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';

const base = '/v2/orgs/{org}/apps/{app}';

/** Executors and versions (see FleetController). */
export const FLEET_ROUTES = routeTable({
  listExecutors: {
    method: 'get',
    path: `${base}/executors`,
    summary: "List the application's executors",
    description: 'From the control plane database; no executor needs to be connected.',
    tag: 'Executors',
    access: 'read',
    query: ListExecutorsQuerySchema,
    response: ListExecutorsResponseSchema,
  },
  listApplicationVersions: {
    method: 'get',
    path: `${base}/versions`,
    summary: 'List application versions',
    description:
      'Asked of a connected executor; when none is connected (or none supports it), the versions seen in executor records (`source: records`).',
    tag: 'Executors',
    access: 'read',
    viaExecutor: true,
    response: ListApplicationVersionsResponseSchema,
  },
});
