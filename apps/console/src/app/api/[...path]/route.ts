import { readServerEnv } from '../../../lib/env';
import { forwardChecked } from '../../../lib/proxy/checked-forward';

// Every /api/* request is forwarded at request time to the control plane named by
// the runtime environment, never to a URL baked in at build time.
export const dynamic = 'force-dynamic';

function forward(request: Request): Promise<Response> {
  return forwardChecked(request, {
    upstream: readServerEnv().PODIUM_CONTROL_PLANE_URL,
    mountPath: '/api',
  });
}

export const GET = forward;
export const HEAD = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
