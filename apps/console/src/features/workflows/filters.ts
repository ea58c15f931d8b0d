// The workflow list's filters live in the page URL (shareable, and the back button works):
// parsed tolerantly from it, written back without defaults, and turned into the body of
// `POST .../workflows/search` only when fetching, so a relative window ("last hour") moves
// with each refresh instead of being frozen into the cache key.
import {
  isWorkflowStatus,
  WORKFLOW_STATUSES,
  MAX_WORKFLOW_PAGE_LIMIT,
  type SearchWorkflowsRequest,
  type WorkflowAggregatesRequest,
  type WorkflowStatus,
} from '@podium/protocol/rest';

export const TIME_WINDOWS = {
  all: { label: 'Any time', ms: null },
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
} as const;
export type TimeWindow = keyof typeof TIME_WINDOWS;

export const PAGE_SIZES = [20, 50, 100, 500, 1000] as const;

/**
 * The columns the list sorts by. Executors sort by creation time only, so `created` is sorted
 * by the executor across pages; the others sort the page on screen.
 */
export const SORT_COLUMNS = [
  'created',
  'updated',
  'name',
  'status',
  'id',
  'version',
  'executor',
  'queue',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface WorkflowSort {
  column: SortColumn;
  desc: boolean;
}
const DEFAULT_SORT: WorkflowSort = { column: 'created', desc: true };

/**
 * The text filters, each matching one value exactly (the id prefix, a prefix): its key in
 * `WorkflowFilters` and in the page URL, the search field it fills, and how the page shows it.
 * `more`: behind "More filters", which opens when one of them is set.
 */
export const TEXT_FILTERS = [
  { key: 'name', field: 'workflowName', label: 'Workflow name', hint: 'e.g. processOrder' },
  { key: 'id', field: 'workflowIdPrefix', label: 'Workflow ID prefix', hint: 'e.g. 3f2a' },
  { key: 'queue', field: 'queueName', label: 'Queue', hint: 'e.g. media', more: true },
  { key: 'user', field: 'user', label: 'Authenticated user', hint: 'e.g. alice', more: true },
  { key: 'executor', field: 'executorId', label: 'Executor ID', hint: 'exact id', more: true },
  { key: 'version', field: 'appVersion', label: 'Application version', hint: '', more: true },
  { key: 'parent', field: 'parentWorkflowId', label: 'Parent workflow ID', hint: '', more: true },
  { key: 'forkedFrom', field: 'forkedFrom', label: 'Forked from (ID)', hint: '', more: true },
] as const satisfies ReadonlyArray<{
  key: string;
  field: keyof SearchWorkflowsRequest;
  label: string;
  hint: string;
  more?: boolean;
}>;
export type TextFilterKey = (typeof TEXT_FILTERS)[number]['key'];
export type TextFilters = Record<TextFilterKey, string>;

export interface WorkflowFilters {
  status: WorkflowStatus[];
  text: TextFilters;
  window: TimeWindow;
  sort: WorkflowSort;
  limit: number;
  offset: number;
}

const NO_TEXT = Object.fromEntries(TEXT_FILTERS.map(({ key }) => [key, ''])) as TextFilters;

export const DEFAULT_FILTERS: WorkflowFilters = {
  status: [],
  text: NO_TEXT,
  window: 'all',
  sort: DEFAULT_SORT,
  limit: 50,
  offset: 0,
};

const isWindow = (value: string | null): value is TimeWindow =>
  value !== null && Object.hasOwn(TIME_WINDOWS, value);

/** `sort=name` ascending, `sort=-name` descending; anything else is the default. */
function sortFromParam(raw: string | null): WorkflowSort {
  const desc = raw?.startsWith('-') ?? false;
  const column = desc ? raw?.slice(1) : raw;
  const known = SORT_COLUMNS.find((c) => c === column);
  return known ? { column: known, desc } : DEFAULT_SORT;
}

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
    text: Object.fromEntries(
      TEXT_FILTERS.map(({ key }) => [key, params.get(key)?.trim() ?? '']),
    ) as TextFilters,
    window: isWindow(window) ? window : DEFAULT_FILTERS.window,
    sort: sortFromParam(params.get('sort')),
    limit: wholeNumber(params.get('limit'), DEFAULT_FILTERS.limit, 1, MAX_WORKFLOW_PAGE_LIMIT),
    offset: wholeNumber(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** The page's search params for `filters`, leaving out what is at its default. */
export function filtersToSearchParams(filters: WorkflowFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.status) params.append('status', status);
  for (const { key } of TEXT_FILTERS) if (filters.text[key]) params.set(key, filters.text[key]);
  if (filters.window !== DEFAULT_FILTERS.window) params.set('window', filters.window);
  if (filters.sort.column !== DEFAULT_SORT.column || filters.sort.desc !== DEFAULT_SORT.desc) {
    params.set('sort', `${filters.sort.desc ? '-' : ''}${filters.sort.column}`);
  }
  if (filters.limit !== DEFAULT_FILTERS.limit) params.set('limit', String(filters.limit));
  if (filters.offset > 0) params.set('offset', String(filters.offset));
  return params;
}

/** True when the executor sorts (by creation time); other columns sort the page on screen. */
export function isServerSort(sort: WorkflowSort): boolean {
  return sort.column === 'created';
}

/** What the executor is asked for `filters`: a client-side sort asks for the default order. */
export function serverFiltersOf(filters: WorkflowFilters): WorkflowFilters {
  return isServerSort(filters.sort) ? filters : { ...filters, sort: DEFAULT_SORT };
}

/** The text filters and time window as search fields (shared by search and aggregates). */
function narrowingFieldsOf(filters: WorkflowFilters, now: number) {
  const fields: Partial<Pick<SearchWorkflowsRequest, TextFilterField | 'startTime'>> = {};
  for (const { key, field } of TEXT_FILTERS) {
    if (filters.text[key]) fields[field] = [filters.text[key]];
  }
  const windowMs = TIME_WINDOWS[filters.window].ms;
  if (windowMs !== null) fields.startTime = new Date(now - windowMs).toISOString();
  return fields;
}
type TextFilterField = (typeof TEXT_FILTERS)[number]['field'];

/** The body of `POST .../workflows/search` for `filters`, with the window ending `now`. */
export function searchRequestOf(
  filters: WorkflowFilters,
  now: number = Date.now(),
): Partial<SearchWorkflowsRequest> {
  const request: Partial<SearchWorkflowsRequest> = {
    ...narrowingFieldsOf(filters, now),
    limit: filters.limit,
    offset: filters.offset,
  };
  if (filters.status.length > 0) request.status = filters.status;
  if (isServerSort(filters.sort) && !filters.sort.desc) request.sortDesc = false;
  return request;
}

/**
 * The body of `POST .../workflows/aggregates` counting, per status, what `filters` match
 * without their status filter (so each status shows what choosing it would list).
 */
export function statusCountsRequestOf(
  filters: WorkflowFilters,
  now: number = Date.now(),
): WorkflowAggregatesRequest {
  return { ...narrowingFieldsOf(filters, now), groupByStatus: true };
}

/** True when one of the filters behind "More filters" is set. */
export function hasMoreFilters(filters: WorkflowFilters): boolean {
  return TEXT_FILTERS.some((f) => 'more' in f && filters.text[f.key] !== '');
}

/** True when anything narrows the list (so "no rows" means "no match", not "no workflows"). */
export function hasNarrowingFilters(filters: WorkflowFilters): boolean {
  return (
    filters.status.length > 0 ||
    TEXT_FILTERS.some(({ key }) => filters.text[key] !== '') ||
    filters.window !== 'all'
  );
}
