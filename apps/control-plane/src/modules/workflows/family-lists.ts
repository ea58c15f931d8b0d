import { AppError, type WorkflowsOutput } from '@podium/protocol';
import { compareIds } from '../../common/pagination/compare-ids';
import type { WorkflowSearchSettings } from '../../config/config';
import { askEachFamily, type Reach } from '../executors/family-fanout';
import type { ExecutorProxy } from '../executors/proxy/executor-proxy';

/** A listed workflow, and the options that reach the SDK family that listed it. */
export interface ListedRow {
  readonly row: WorkflowsOutput;
  readonly reach: Reach;
}

/** What a page of a list is cut by (`list_workflows` and `list_queued_workflows` bodies). */
export interface PagedBody {
  readonly limit?: number | null;
  readonly offset?: number | null;
  readonly sort_desc?: boolean | null;
}

/** How lists of both SDK families are read: `chunk` rows per request, from offsets up to `maxOffset`. */
export interface MergedReading {
  readonly chunk: number;
  readonly maxOffset: number;
}

/** Merged lists are read as searches are: `pageSize` rows at a time, offsets up to `maxResults`. */
export function mergedReading({ pageSize, maxResults }: WorkflowSearchSettings): MergedReading {
  return { chunk: pageSize, maxOffset: maxResults };
}

/** Reads one family's rows for a body. */
export type ListRows<B> = (body: B, reach: Reach) => Promise<readonly WorkflowsOutput[]>;

/**
 * One page of an application's workflows. With both SDK families connected, each is asked for
 * every row up to the page's end, `chunk` rows per request so that every answer fits in a frame
 * (an offset counts rows of the merged list, which no executor sees; past `maxOffset` it is
 * refused rather than read), and the page is cut from the merged list (a family that could not
 * answer contributes nothing); with one, the page as its executor read it.
 */
export async function readListedPage<B extends PagedBody>(
  proxy: ExecutorProxy,
  applicationId: string,
  body: B,
  list: ListRows<B>,
  { chunk, maxOffset }: MergedReading,
): Promise<ListedRow[]> {
  const offset = body.offset ?? 0;
  const end = body.limit == null ? undefined : offset + body.limit;
  const { parts, mixed } = await askEachFamily(proxy, applicationId, (reach, both) => {
    if (!both) return list(body, reach);
    assertMergedOffset(offset, maxOffset);
    return readRows(list, body, reach, { from: 0, count: end, chunk });
  });
  if (!mixed) return listedRows(parts);
  return mergeListed(parts, body.sort_desc ?? false).slice(offset, end);
}

/**
 * Refuses an offset into a merged list deeper than `maxOffset`: each family would be read from
 * its start up to there, held in memory and sorted for one page.
 */
export function assertMergedOffset(offset: number, maxOffset: number): void {
  if (offset <= maxOffset) return;
  throw new AppError(
    'OFFSET_TOO_LARGE',
    `Both SDK families of this application are connected, so a page is cut from their merged ` +
      `list, read from its start: the offset may be at most ${maxOffset}. Narrow the filters ` +
      '(for example by creation time) to reach older workflows.',
    { maxOffset },
  );
}

/**
 * Up to `count` rows (every row when undefined) from `from` on, read `chunk` at a time. Workflows
 * started meanwhile can shift later chunks: a row read twice is kept once. A chunk that brings
 * no row not read before ends the reading: an executor that ignores `offset` would otherwise be
 * asked forever. (A whole chunk of workflows started between two requests of a newest-first
 * read ends it too, short: the price of never looping.)
 */
export async function readRows<B extends PagedBody>(
  list: ListRows<B>,
  body: B,
  reach: Reach,
  { from, count, chunk }: { from: number; count: number | undefined; chunk: number },
): Promise<WorkflowsOutput[]> {
  const rows = new Map<string, WorkflowsOutput>();
  for (let at = from; count === undefined || rows.size < count;) {
    const limit = count === undefined ? chunk : Math.min(chunk, count - rows.size);
    const part = await list({ ...body, limit, offset: at }, reach);
    const known = rows.size;
    for (const row of part) rows.set(row.WorkflowUUID, row);
    if (part.length < limit || rows.size === known) break;
    at += part.length;
  }
  return [...rows.values()];
}

/** Each family's rows, as listed. */
export function listedRows(
  parts: readonly { value: readonly WorkflowsOutput[]; reach: Reach }[],
): ListedRow[] {
  return parts.flatMap(({ value, reach }) => value.map((row) => ({ row, reach })));
}

/**
 * Several families' rows in one list, in the order executors list: by creation time (newest
 * first when `descending`), then by id so that the order is the same on every read.
 */
export function mergeListed(
  parts: readonly { value: readonly WorkflowsOutput[]; reach: Reach }[],
  descending: boolean,
): ListedRow[] {
  const sign = descending ? -1 : 1;
  return listedRows(parts).sort(
    (a, b) =>
      sign * (createdAt(a.row) - createdAt(b.row)) ||
      sign * compareIds(a.row.WorkflowUUID, b.row.WorkflowUUID),
  );
}

function createdAt(row: WorkflowsOutput): number {
  return Number(row.CreatedAt ?? 0);
}
