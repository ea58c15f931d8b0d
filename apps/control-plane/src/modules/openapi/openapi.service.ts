import { Injectable } from '@nestjs/common';
import { SERVICE_VERSION } from '../../version';
import { FLEET_ROUTES } from '../fleet/fleet.routes';
import { LIVE_ROUTES } from '../live/live.routes';
import { QUEUE_ROUTES } from '../queues/queues.routes';
import { WORKFLOW_ROUTES } from '../workflows/workflows.routes';
import { renderDocsPage } from './docs-page';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.document';
import type { RouteSpec } from './route-spec';

/** Every documented route. Feature modules keep their table next to their controllers. */
export const API_ROUTES: readonly RouteSpec[] = [
  ...WORKFLOW_ROUTES,
  ...QUEUE_ROUTES,
  ...FLEET_ROUTES,
  ...LIVE_ROUTES,
];

/** The API description, built once on first request. */
@Injectable()
export class OpenApiService {
  private document?: OpenApiDocument;
  private page?: string;

  getDocument(): OpenApiDocument {
    this.document ??= buildOpenApiDocument(API_ROUTES, {
      title: 'Podium control plane API',
      version: SERVICE_VERSION,
      description:
        'Workflows, queues and executors of your applications. Workflow and queue data is read live from a connected executor, never cached.',
    });
    return this.document;
  }

  getDocsPage(): string {
    this.page ??= renderDocsPage(this.getDocument());
    return this.page;
  }
}
