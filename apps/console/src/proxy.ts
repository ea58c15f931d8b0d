// An optimistic check before rendering (Next's Proxy, formerly Middleware): a browser with
// no session cookie at all goes straight to sign-in instead of loading a page that would
// only redirect there. The real check is the control plane's, on every request.
import { CSRF_COOKIE } from '@podium/protocol/rest';
import { NextResponse, type NextRequest } from 'next/server';
import { signInPath } from './features/session/next-path';

export function proxy(request: NextRequest): NextResponse {
  if (request.cookies.has(CSRF_COOKIE)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
}

export const config = { matcher: ['/', '/orgs/:path*', '/join'] };
