import {
  CreateApplicationRequestSchema,
  CreateApplicationResponseSchema,
  GetApplicationResponseSchema,
  ListApplicationsResponseSchema,
  WholeListQuerySchema,
  RegisterApplicationRequestSchema,
  UpdateApplicationRequestSchema,
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
    errors: ['CONFLICT', 'QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.applicationCreate },
  },
  registerApplication: {
    method: 'put',
    path: `${base}/{app}`,
    summary: 'Register an application (DBOS registerApp): created unless it exists',
    description:
      'Idempotent: an existing application is left as it is (204, nothing audited). `privateMode` applies to a new one.',
    tag,
    access: 'admin',
    status: 204,
    appMayBeNew: true,
    body: RegisterApplicationRequestSchema,
    errors: ['QUOTA_EXCEEDED'],
    audit: { action: AUDIT_ACTIONS.applicationCreate, targetParam: 'app' },
  },
  listApplications: {
    method: 'get',
    path: base,
    summary: 'List applications',
    description: 'An API key scoped to some applications sees only those.',
    tag,
    access: 'read',
    keys: true,
    query: WholeListQuerySchema,
    response: ListApplicationsResponseSchema,
    paged: true,
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
    summary: "Change an application's settings (DBOS updateApp)",
    description:
      'Retention thresholds take effect at once: they are pushed to a connected executor after the change, and periodically (`PODIUM_RETENTION_INTERVAL_MS`). A negative threshold clears it. `executorTimeoutSecs` is how long a disconnected executor may stay away before it is declared dead and its workflows recovered.',
    tag,
    access: 'admin',
    status: 204,
    body: UpdateApplicationRequestSchema,
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
