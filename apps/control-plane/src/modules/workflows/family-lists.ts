import type { WorkflowsOutput } from '@podium/protocol';
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

/**
 * One page of an application's workflows. With both SDK families connected, each is asked for
 * every row up to the page's end (an offset counts rows of the merged list, which no executor
 * sees), and the page is cut from the merged list; with one, the page as its executor read it.
 * `list` reads one family's rows for a body.
 */
export async function readListedPage<B extends PagedBody>(
  proxy: ExecutorProxy,
  applicationId: string,
  body: B,
  list: (body: B, reach: Reach) => Promise<readonly WorkflowsOutput[]>,
): Promise<ListedRow[]> {
  const offset = body.offset ?? 0;
  const end = body.limit == null ? undefined : offset + body.limit;
  const parts = await askEachFamily(proxy, applicationId, (reach, mixed) =>
    list(mixed ? { ...body, limit: end, offset: 0 } : body, reach),
  );
  if (parts.length < 2) return listedRows(parts);
  return mergeListed(parts, body.sort_desc ?? false).slice(offset, end);
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
      sign * a.row.WorkflowUUID.localeCompare(b.row.WorkflowUUID),
  );
}

function createdAt(row: WorkflowsOutput): number {
  return Number(row.CreatedAt ?? 0);
}
