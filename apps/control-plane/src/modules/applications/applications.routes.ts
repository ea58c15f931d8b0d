import {
  CreateApplicationRequestSchema,
  CreateApplicationResponseSchema,
  GetApplicationResponseSchema,
  ListApplicationsResponseSchema,
  PaginationQuerySchema,
  UpdateApplicationRequestSchema,
  UpdateApplicationResponseSchema,
} from '@podium/protocol';
import type { RouteSpec } from '../openapi/route-spec';

const base = '/v2/orgs/{org}/apps';
const tag = 'Applications';

/** Applications (see ApplicationsController). */
export const APPLICATION_ROUTES: readonly RouteSpec[] = [
  {
    method: 'post',
    path: base,
    operationId: 'createApplication',
    summary: 'Register an application by the name its executors connect with',
    tag,
    access: 'admin',
    status: 201,
    body: CreateApplicationRequestSchema,
    response: CreateApplicationResponseSchema,
    errors: ['CONFLICT'],
  },
  {
    method: 'get',
    path: base,
    operationId: 'listApplications',
    summary: 'List applications',
    tag,
    access: 'read',
    query: PaginationQuerySchema,
    response: ListApplicationsResponseSchema,
  },
  {
    method: 'get',
    path: `${base}/{app}`,
    operationId: 'getApplication',
    summary: 'Get an application',
    tag,
    access: 'read',
    response: GetApplicationResponseSchema,
  },
  {
    method: 'patch',
    path: `${base}/{app}`,
    operationId: 'updateApplication',
    summary: "Change an application's settings",
    tag,
    access: 'admin',
    body: UpdateApplicationRequestSchema,
    response: UpdateApplicationResponseSchema,
  },
  {
    method: 'delete',
    path: `${base}/{app}`,
    operationId: 'deleteApplication',
    summary: 'Delete an application',
    description:
      'Revokes the API keys scoped to it alone, deletes its executor records and closes its executors’ links (close code 4001).',
    tag,
    access: 'admin',
    status: 204,
  },
];
