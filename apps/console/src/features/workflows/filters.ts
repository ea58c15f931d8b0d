// The workflow list's filters live in the page URL (shareable, and the back button works):
// parsed tolerantly from it, written back without defaults, and turned into the query string
// of `GET .../workflows` only when fetching, so a relative window ("last hour") moves with
// each refresh instead of being frozen into the cache key.
import { isWorkflowStatus, WORKFLOW_STATUSES, type WorkflowStatus } from '@podium/protocol';

export const TIME_WINDOWS = {
  all: { label: 'Any time', ms: null },
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
} as const;
export type TimeWindow = keyof typeof TIME_WINDOWS;

export const PAGE_SIZES = [20, 50, 100] as const;

export interface WorkflowFilters {
  status: WorkflowStatus[];
  /** Exact workflow (function) name. */
  name: string;
  idPrefix: string;
  window: TimeWindow;
  limit: number;
  offset: number;
}

export const DEFAULT_FILTERS: WorkflowFilters = {
  status: [],
  name: '',
  idPrefix: '',
  window: 'all',
  limit: 50,
  offset: 0,
};

const isWindow = (value: string | null): value is TimeWindow =>
  value !== null && Object.hasOwn(TIME_WINDOWS, value);

function wholeNumber(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

/** Reads filters from page search params; anything unknown or malformed falls back to the default. */
export function filtersFromSearchParams(params: URLSearchParams): WorkflowFilters {
  const status = params
    .getAll('status')
    .flatMap((value) => value.split(','))
    .filter(isWorkflowStatus);
  const window = params.get('window');
  return {
    // In the table's order, once each.
    status: WORKFLOW_STATUSES.filter((s) => status.includes(s)),
    name: params.get('name')?.trim() ?? '',
    idPrefix: params.get('id')?.trim() ?? '',
    window: isWindow(window) ? window : DEFAULT_FILTERS.window,
    limit: wholeNumber(params.get('limit'), DEFAULT_FILTERS.limit, 1, 500),
    offset: wholeNumber(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** The page's search params for `filters`, leaving out what is at its default. */
export function filtersToSearchParams(filters: WorkflowFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.status) params.append('status', status);
  if (filters.name) params.set('name', filters.name);
  if (filters.idPrefix) params.set('id', filters.idPrefix);
  if (filters.window !== DEFAULT_FILTERS.window) params.set('window', filters.window);
  if (filters.limit !== DEFAULT_FILTERS.limit) params.set('limit', String(filters.limit));
  if (filters.offset > 0) params.set('offset', String(filters.offset));
  return params;
}

/** The query string of `GET .../workflows` for `filters`, with the window ending `now`. */
export function listQueryOf(filters: WorkflowFilters, now: number = Date.now()): URLSearchParams {
  const query = new URLSearchParams();
  for (const status of filters.status) query.append('status', status);
  if (filters.name) query.set('workflowName', filters.name);
  if (filters.idPrefix) query.set('workflowIdPrefix', filters.idPrefix);
  const windowMs = TIME_WINDOWS[filters.window].ms;
  if (windowMs !== null) query.set('startTime', new Date(now - windowMs).toISOString());
  query.set('limit', String(filters.limit));
  query.set('offset', String(filters.offset));
  return query;
}

/** True when anything narrows the list (so "no rows" means "no match", not "no workflows"). */
export function hasNarrowingFilters(filters: WorkflowFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.name !== '' ||
    filters.idPrefix !== '' ||
    filters.window !== 'all'
  );
}
