import type {
  Application,
  CreateApplicationRequest,
  UpdateApplicationRequest,
  ListPage,
} from '@podium/protocol/rest';
import {
  getPage,
  getJson,
  sendJson,
  sendWithoutContent,
  type RequestOptions,
} from '../../lib/api-client';
import { orgPath } from '../organizations/api';

export const appPath = (org: string, app: string) =>
  `${orgPath(org)}/apps/${encodeURIComponent(app)}`;

/** `GET /v2/orgs/{org}/apps`. */
export function fetchApplications(
  org: string,
  page: { limit: number; offset: number },
  options?: RequestOptions,
): Promise<ListPage<Application>> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return getPage(`${orgPath(org)}/apps?${query}`, 'ListApplicationsResponseSchema', options);
}

export function fetchApplication(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<Application> {
  return getJson(appPath(org, app), 'GetApplicationResponseSchema', options);
}

/** `POST /v2/orgs/{org}/apps`: registers the name its executors connect with. */
export function createApplication(
  org: string,
  body: CreateApplicationRequest,
): Promise<Application> {
  return sendJson('POST', `${orgPath(org)}/apps`, body, 'CreateApplicationResponseSchema');
}

/** `PATCH .../apps/{app}` (204): DBOS's settings, a negative threshold clearing it. */
export function updateApplication(
  org: string,
  app: string,
  body: UpdateApplicationRequest,
): Promise<void> {
  return sendWithoutContent('PATCH', appPath(org, app), body);
}

/** Also revokes keys scoped to it alone and closes its executors' links. */
export function deleteApplication(org: string, app: string): Promise<void> {
  return sendWithoutContent('DELETE', appPath(org, app));
}
