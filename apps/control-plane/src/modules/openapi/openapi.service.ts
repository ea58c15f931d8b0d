import { Injectable } from '@nestjs/common';
import { stringify } from 'yaml';
import { SERVICE_VERSION } from '../../version';
import { ALERT_ROUTES } from '../alerts/alerts.routes';
import { API_KEY_ROUTES } from '../api-keys/api-keys.routes';
import { APPLICATION_ROUTES } from '../applications/applications.routes';
import { AUDIT_LOG_ROUTES } from '../audit/audit-logs.routes';
import { APP_METRICS_ROUTES } from '../app-metrics/app-metrics.routes';
import { AUTOSCALING_ROUTES } from '../autoscaling/autoscaling.routes';
import { CONDUCTOR_METRICS_ROUTES } from '../conductor-metrics/conductor-metrics.routes';
import { FLEET_ROUTES } from '../fleet/fleet.routes';
import { HEALTH_ROUTES } from '../health/health.routes';
import { LIVE_ROUTES } from '../live/live.routes';
import { DOMAIN_CLAIM_ROUTES } from '../organizations/domain-claims/domain-claims.routes';
import { JOIN_SECRET_ROUTES } from '../organizations/join-secrets/join-secrets.routes';
import { MEMBER_ROUTES } from '../organizations/members/members.routes';
import { ROLE_ROUTES } from '../organizations/roles/roles.routes';
import { ORGANIZATION_ROUTES } from '../organizations/organizations.routes';
import { QUEUE_ROUTES } from '../queues/queues.routes';
import { PASSWORD_CHANGE_ROUTES } from '../sessions/password-change.routes';
import { SESSION_ROUTES } from '../sessions/sessions.routes';
import { USER_SESSION_ROUTES } from '../sessions/user-sessions.routes';
import { USER_ROUTES } from '../users/users.routes';
import { SCHEDULE_ROUTES } from '../schedules/schedules.routes';
import { TIMELINE_ROUTES } from '../timeline/timeline.routes';
import { STEP_AGGREGATE_ROUTES } from '../workflows/step-aggregates.routes';
import { WORKFLOW_HISTORY_ROUTES } from '../workflows/workflow-history.routes';
import { WORKFLOW_ROUTES } from '../workflows/workflows.routes';
import { renderDocsPage } from './docs-page';
import {
  buildOpenApiDocument,
  type OpenApiDocument,
  type OpenApiVersion,
} from './openapi.document';
import { OPENAPI_ROUTES } from './openapi.routes';
import type { RouteSpec } from '../../common/routes/route-spec';

/**
 * Every route the control plane serves, in the order of the docs. Feature modules keep their
 * table next to their controllers; `openapi.e2e.test.ts` checks this list against the routes
 * Nest registered, both ways.
 */
export const API_ROUTES: readonly RouteSpec[] = [
  ...Object.values(USER_ROUTES),
  ...Object.values(SESSION_ROUTES),
  ...Object.values(USER_SESSION_ROUTES),
  ...Object.values(PASSWORD_CHANGE_ROUTES),
  ...Object.values(ORGANIZATION_ROUTES),
  ...Object.values(MEMBER_ROUTES),
  ...Object.values(ROLE_ROUTES),
  ...Object.values(JOIN_SECRET_ROUTES),
  ...Object.values(DOMAIN_CLAIM_ROUTES),
  ...Object.values(APPLICATION_ROUTES),
  ...Object.values(API_KEY_ROUTES),
  ...Object.values(AUDIT_LOG_ROUTES),
  ...Object.values(WORKFLOW_ROUTES),
  ...Object.values(WORKFLOW_HISTORY_ROUTES),
  ...Object.values(STEP_AGGREGATE_ROUTES),
  ...Object.values(SCHEDULE_ROUTES),
  ...Object.values(QUEUE_ROUTES),
  ...Object.values(ALERT_ROUTES),
  ...Object.values(FLEET_ROUTES),
  ...Object.values(AUTOSCALING_ROUTES),
  ...Object.values(APP_METRICS_ROUTES),
  ...Object.values(TIMELINE_ROUTES),
  ...Object.values(LIVE_ROUTES),
  ...Object.values(CONDUCTOR_METRICS_ROUTES),
  ...Object.values(HEALTH_ROUTES),
  ...Object.values(OPENAPI_ROUTES),
];

const INFO = {
  title: 'Podium control plane API',
  version: SERVICE_VERSION,
  description:
    'Accounts, organizations, applications and API keys; the workflows, queues and executors of your applications. Workflow and queue data is read live from a connected executor, never cached. Machine clients authenticate with an API key (Bearer); the console with session cookies and a CSRF header.',
};

/** The API description, each form built once on first request. */
@Injectable()
export class OpenApiService {
  private readonly documents = new Map<OpenApiVersion, OpenApiDocument>();
  private yaml?: string;
  private page?: string;

  getDocument(version: OpenApiVersion = '3.1'): OpenApiDocument {
    let document = this.documents.get(version);
    if (!document) {
      document = buildOpenApiDocument(API_ROUTES, INFO, version);
      this.documents.set(version, document);
    }
    return document;
  }

  getYaml(): string {
    this.yaml ??= stringify(this.getDocument(), { aliasDuplicateObjects: false });
    return this.yaml;
  }

  getDocsPage(): string {
    this.page ??= renderDocsPage(this.getDocument());
    return this.page;
  }
}
