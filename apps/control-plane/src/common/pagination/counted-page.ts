import type { Paginated, PaginationQuery } from '@podium/protocol';

/** A page of a list whose total we counted; `nextOffset` only when more rows follow. */
export function toCountedPage<T>(
  items: T[],
  total: number,
  { limit, offset }: PaginationQuery,
): Paginated<T> {
  const next = offset + items.length;
  return { items, total, limit, offset, ...(next < total && { nextOffset: next }) };
}
