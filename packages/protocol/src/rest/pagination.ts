import { z } from 'zod';
import {
  MAX_PAGE_LIMIT,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT_WITH_PAYLOADS,
} from './values/page-limits';

export {
  MAX_PAGE_LIMIT,
  DEFAULT_PAGE_LIMIT,
  MAX_WORKFLOW_PAGE_LIMIT,
  MAX_PAGE_LIMIT_WITH_PAYLOADS,
} from './values/page-limits';

/**
 * For `superRefine`: a listing that loads inputs or outputs asks for a smaller page (a search
 * without `limit` is paged by the control plane itself).
 */
export function limitPagesWithPayloads(
  query: { limit?: number | undefined; loadInput?: boolean; loadOutput?: boolean },
  ctx: z.RefinementCtx,
): void {
  const limit = query.limit ?? 0;
  if ((query.loadInput || query.loadOutput) && limit > MAX_PAGE_LIMIT_WITH_PAYLOADS) {
    ctx.addIssue({
      code: 'custom',
      path: ['limit'],
      message: `must be at most ${MAX_PAGE_LIMIT_WITH_PAYLOADS} with loadInput or loadOutput`,
    });
  }
}

/** `?limit=&offset=` of list endpoints (strings coerced, defaults applied). */
export const PaginationQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .describe('Most items to return.'),
  offset: z.coerce.number().int().min(0).default(0).describe('Items to skip.'),
});
export type PaginationQuery = z.infer<typeof PaginationQuerySchema>;

/**
 * As PaginationQuerySchema, for lists DBOS Conductor serves whole (its API takes no paging
 * there: applications, keys, members, executors): without `limit`, the largest page, so a DBOS
 * client reads every item of any ordinary organization; past it, the page (its headers, or the
 * members page's own fields) says where the next one starts.
 */
export const WholeListQuerySchema = PaginationQuerySchema.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(MAX_PAGE_LIMIT)
    .describe(
      `Most items to return; absent, ${MAX_PAGE_LIMIT} (DBOS Conductor lists these whole).`,
    ),
});

/**
 * A page as services produce it and the console reads it back (`getPage`). Over HTTP only the
 * items are the body (`listResponse`); `total`, `limit`, `offset` and `nextOffset` travel in
 * headers (`LIST_HEADERS`). `total` is present when counting is cheap; `nextOffset` when
 * another page may exist.
 */
export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative().optional().describe('Items in all pages, when counted.'),
    limit: z.number().int().positive(),
    offset: z.number().int().nonnegative(),
    nextOffset: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('The `offset` of the next page; absent on the last page.'),
  });
}

/** The type of a `paginated(...)` page of `T`, inferred from the schema (no hand-kept twin). */
export type Paginated<T> = z.infer<ReturnType<typeof paginated<z.ZodType<T>>>>;

/**
 * The body of a list endpoint: a bare JSON array of its items, as DBOS Conductor serves every
 * list. Paging and Podium's markers are response headers (`LIST_HEADERS`).
 */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.array(item);
}
