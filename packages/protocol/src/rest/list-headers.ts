import { z } from 'zod';
import { VersionsSourceSchema } from './executors';
import { LastKnownSchema } from './workflows';

/**
 * A list endpoint answers with a bare JSON array (`listResponse`), as DBOS Conductor does; what
 * is known about the page rides in these response headers, so DBOS clients read the body as
 * they expect and Podium's clients lose nothing. Services produce a `ListPage` (items and
 * meta); the control plane writes the meta here, the console reads it back (`getPage`).
 */
export const LIST_HEADERS = {
  total: 'X-Total-Count',
  limit: 'X-Page-Limit',
  offset: 'X-Page-Offset',
  nextOffset: 'X-Next-Offset',
  lastKnownAt: 'X-Podium-Last-Known-At',
  lastKnownReason: 'X-Podium-Last-Known-Reason',
  source: 'X-Podium-Source',
} as const;

/** The page meta as the headers carry it (numbers arrive as text). */
const headerCount = z.coerce.number().int().nonnegative().optional();
const ListHeadersSchema = z.object({
  total: headerCount,
  limit: headerCount,
  offset: headerCount,
  nextOffset: headerCount,
  lastKnown: LastKnownSchema.optional(),
  source: VersionsSourceSchema.optional(),
});

/** What a list response says about its page besides the items (each part only when known). */
export type ListPageMeta = z.output<typeof ListHeadersSchema>;
export type ListPageMetaField = keyof ListPageMeta;

/** A list with its page meta: what services return and what the console's `getPage` gives. */
export type ListPage<T> = { items: T[] } & ListPageMeta;

/** The page meta of a paged list: offset, limit, and total and next offset when known. */
export const PAGE_META_FIELDS = ['total', 'limit', 'offset', 'nextOffset'] as const;

/** The headers each meta field is written to, with what they mean (for OpenAPI). */
export const LIST_HEADERS_OF: Record<
  ListPageMetaField,
  ReadonlyArray<{ name: string; description: string; type: 'integer' | 'string' }>
> = {
  total: [
    { name: LIST_HEADERS.total, description: 'Items in all pages, when counted.', type: 'integer' },
  ],
  limit: [{ name: LIST_HEADERS.limit, description: 'The page size applied.', type: 'integer' }],
  offset: [
    { name: LIST_HEADERS.offset, description: 'Items skipped before this page.', type: 'integer' },
  ],
  nextOffset: [
    {
      name: LIST_HEADERS.nextOffset,
      description:
        'The `offset` of the next page, when another page may exist (absent on the last).',
      type: 'integer',
    },
  ],
  lastKnown: [
    {
      name: LIST_HEADERS.lastKnownAt,
      description:
        'Set when no executor answered and the list is the last-known index (metadata only): when an executor last reported it (RFC 3339).',
      type: 'string',
    },
    {
      name: LIST_HEADERS.lastKnownReason,
      description: 'Why the last-known index answered (with `X-Podium-Last-Known-At`).',
      type: 'string',
    },
  ],
  source: [
    {
      name: LIST_HEADERS.source,
      description:
        '`executors` (asked of a connected executor) or `records` (seen in executor records).',
      type: 'string',
    },
  ],
};

/** The headers that carry `meta` (none for the parts it does not have). */
export function writeListHeaders(meta: ListPageMeta): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (name: string, value: string | number | undefined) => {
    if (value !== undefined) headers[name] = String(value);
  };
  put(LIST_HEADERS.total, meta.total);
  put(LIST_HEADERS.limit, meta.limit);
  put(LIST_HEADERS.offset, meta.offset);
  put(LIST_HEADERS.nextOffset, meta.nextOffset);
  put(LIST_HEADERS.lastKnownAt, meta.lastKnown?.at);
  put(LIST_HEADERS.lastKnownReason, meta.lastKnown?.reason);
  put(LIST_HEADERS.source, meta.source);
  return headers;
}

/** Reads the page meta back from a list response's headers (`get` as `Headers.get`). */
export function readListHeaders(
  get: (name: string) => string | null,
): z.ZodSafeParseResult<ListPageMeta> {
  const value = (name: string) => get(name) ?? undefined;
  const at = value(LIST_HEADERS.lastKnownAt);
  return ListHeadersSchema.safeParse({
    total: value(LIST_HEADERS.total),
    limit: value(LIST_HEADERS.limit),
    offset: value(LIST_HEADERS.offset),
    nextOffset: value(LIST_HEADERS.nextOffset),
    lastKnown: at === undefined ? undefined : { at, reason: value(LIST_HEADERS.lastKnownReason) },
    source: value(LIST_HEADERS.source),
  });
}
