import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { HttpReply, HttpRequest } from '../http/http';

/**
 * Serves a route whose spec says `representationOnRequest`: DBOS Conductor answers it 204 with
 * no body, and so does Podium, unless the request asks for the result with RFC 7240's
 * `Prefer: return=representation` (the console does): then the route's own status and body,
 * with `Preference-Applied`. Either way `Vary: Prefer`, so a cache keeps the two apart.
 */
export class PreferredRepresentationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const reply = http.getResponse<HttpReply>();
    const wanted = prefersRepresentation(request.headers.prefer);
    reply.header('Vary', 'Prefer');
    return next.handle().pipe(
      map((body: unknown) => {
        if (wanted) {
          reply.header('Preference-Applied', 'return=representation');
          return body;
        }
        reply.status(204);
        return undefined;
      }),
    );
  }
}

/** Whether a `Prefer` header (RFC 7240: comma-separated, case-insensitive) asks for the body. */
export function prefersRepresentation(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values
    .flatMap((value) => value.split(','))
    .some((preference) => /^\s*return\s*=\s*"?representation"?\s*(;|$)/i.test(preference));
}
