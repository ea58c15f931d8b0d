import {
  CreateApplicationRequestSchema,
  CreateApplicationResponseSchema,
  GetApplicationResponseSchema,
  ListApplicationsResponseSchema,
  PaginationQuerySchema,
  UpdateApplicationRequestSchema,
  UpdateApplicationResponseSchema,
} from '@podium/protocol';
import { AUDIT_ACTIONS } from '../audit/audit-actions';
import { routeTable } from '../../common/routes/route-spec';

const base = '/v2/orgs/{org}/apps';
const tag = 'Applications';

/** Applications (see ApplicationsController). */
export const APPLICATION_ROUTES = routeTable({
  createApplication: {
    method: 'post',
    path: base,
    summary: 'Register an application by the name its executors connect with',
    tag,
    access: 'admin',
    status: 201,
    body: CreateApplicationRequestSchema,
    response: CreateApplicationResponseSchema,
    errors: ['CONFLICT'],
    audit: { action: AUDIT_ACTIONS.applicationCreate },
  },
  listApplications: {
    method: 'get',
    path: base,
    summary: 'List applications',
    tag,
    access: 'read',
    query: PaginationQuerySchema,
    response: ListApplicationsResponseSchema,
  },
  getApplication: {
    method: 'get',
    path: `${base}/{app}`,
    summary: 'Get an application',
    tag,
    access: 'read',
    response: GetApplicationResponseSchema,
  },
  updateApplication: {
    method: 'patch',
    path: `${base}/{app}`,
    summary: "Change an application's settings",
    tag,
    access: 'admin',
    body: UpdateApplicationRequestSchema,
    response: UpdateApplicationResponseSchema,
    audit: { action: AUDIT_ACTIONS.applicationUpdate, targetParam: 'app' },
  },
  deleteApplication: {
    method: 'delete',
    path: `${base}/{app}`,
    summary: 'Delete an application',
    description:
      'Revokes the API keys scoped to it alone, deletes its executor records and closes its executors’ links (close code 4001).',
    tag,
    access: 'admin',
    status: 204,
    audit: { action: AUDIT_ACTIONS.applicationDelete, targetParam: 'app' },
  },
});
