import type { ApplicationVersion, ListPage } from '@podium/protocol/rest';
import { getPage, sendWithoutContent, type RequestOptions } from '../../lib/api-client';
import { appPath } from '../applications/api';

// The one place that knows the versions endpoints (the versions page, the fork dialog).
const versionsPath = (org: string, app: string) => `${appPath(org, app)}/versions`;

/** `GET .../versions`: from a connected executor, else from executor records. */
export function fetchVersions(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<ListPage<ApplicationVersion>> {
  return getPage(versionsPath(org, app), 'ListApplicationVersionsResponseSchema', options);
}

/** `PATCH .../versions/latest` (204): the version's timestamp becomes now. */
export function setLatestVersion(org: string, app: string, versionName: string): Promise<void> {
  return sendWithoutContent('PATCH', `${versionsPath(org, app)}/latest`, { versionName });
}
