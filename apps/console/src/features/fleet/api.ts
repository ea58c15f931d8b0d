import {
  MAX_PAGE_LIMIT,
  type ExecutorStatusFilter,
  type Executor,
  type ListPage,
} from '@podium/protocol/rest';
import { getPage, type RequestOptions } from '../../lib/api-client';
import { STREAM_CHECK_PARAM } from '../../lib/checked-answer';
import type { SchemaName } from '../../lib/rest-schema-names';
import { appPath } from '../applications/api';

/** `GET .../executors`: from the control plane's records, connected ones first. */
export function fetchExecutors(
  org: string,
  app: string,
  status: ExecutorStatusFilter | null,
  options?: RequestOptions,
): Promise<ListPage<Executor>> {
  const only = status ? `&status=${status}` : '';
  return getPage(
    `${appPath(org, app)}/executors?limit=${MAX_PAGE_LIMIT}${only}`,
    'ListExecutorsResponseSchema',
    options,
  );
}

/** The live stream of executor changes (server-sent events), through the console's proxy. */
export function liveEventsUrl(org: string, app: string): string {
  // The console's /api proxy checks each event against the protocol's LiveEventSchema.
  const check: SchemaName = 'LiveEventSchema';
  return `/api${appPath(org, app)}/events?${STREAM_CHECK_PARAM}=${check}`;
}
