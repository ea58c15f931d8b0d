import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { writeListHeaders, type ListPage } from '@podium/protocol';
import { map, type Observable } from 'rxjs';
import type { HttpReply, HttpRequest } from '../http/http';

/**
 * Serves a `paged` route's `ListPage` the way DBOS Conductor serves lists: the items are the
 * body, a bare JSON array; the rest of the page (total, limit, offset, next offset, Podium's
 * markers) goes in headers (`LIST_HEADERS`), plus an RFC 8288 `Link: <…>; rel="next"` on GETs
 * that have a next page. Services keep returning pages; only the edge changes their form.
 */
export class ListPageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const reply = http.getResponse<HttpReply>();
    return next.handle().pipe(
      map((page: ListPage<unknown>) => {
        const { items, ...meta } = page;
        reply.headers(writeListHeaders(meta));
        if (request.method === 'GET' && meta.nextOffset !== undefined) {
          reply.header(
            'Link',
            `<${nextPageUrl(request.url, meta.nextOffset, meta.limit)}>; rel="next"`,
          );
        }
        return items;
      }),
    );
  }
}

/** The request's own URL (path and query) with the next page's `offset` (and `limit`). */
function nextPageUrl(url: string, nextOffset: number, limit: number | undefined): string {
  const [path = '', query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('offset', String(nextOffset));
  if (limit !== undefined) params.set('limit', String(limit));
  return `${path}?${params.toString()}`;
}
