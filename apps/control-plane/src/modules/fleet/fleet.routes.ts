import {
  SetLatestVersionRequestSchema,
  ListApplicationVersionsResponseSchema,
  ListExecutorsQuerySchema,
  ListExecutorsResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { AUDIT_ACTIONS } from '../audit/audit-actions';

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
    paged: true,
  },
  listApplicationVersions: {
    method: 'get',
    path: `${base}/versions`,
    summary: 'List application versions',
    description:
      'Asked of a connected executor; when none is connected (or none supports it), the versions seen in executor records (header `X-Podium-Source: records`).',
    tag: 'Executors',
    access: 'read',
    viaExecutor: true,
    response: ListApplicationVersionsResponseSchema,
    paged: ['source'],
  },
  setLatestAppVersion: {
    method: 'patch',
    path: `${base}/versions/latest`,
    summary: 'Make a version the latest',
    description:
      'Its timestamp becomes now: schedules, resumes and unversioned work go to its executors (a rollback, or a blue-green switch).',
    tag: 'Executors',
    access: 'operate',
    viaExecutor: true,
    body: SetLatestVersionRequestSchema,
    status: 204,
    audit: { action: AUDIT_ACTIONS.applicationSetLatestVersion, targetParam: 'app' },
  },
});
