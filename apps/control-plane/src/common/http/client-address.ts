import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Config } from '../../config/config';

type TrustProxy = Config['http']['trustProxy'];
type TrustFunction = (address: string, hop: number) => boolean;

/**
 * Whose X-Forwarded-For is believed (config `http.trustProxy`), as a function: Fastify takes it
 * for `req.ip`, and clientAddressOf applies the same to requests Fastify never sees.
 */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  if (typeof trust === 'boolean') return () => trust;
  return proxyAddr.compile(trust.split(',').map((entry) => entry.trim()));
}

/**
 * The client's address on a raw request (a WebSocket upgrade: Fastify never wraps it), by the
 * rules `req.ip` follows: the furthest address a chain of trusted proxies vouches for.
 */
export function clientAddressOf(req: IncomingMessage, trust: TrustFunction): string {
  return proxyAddr.all(req, trust).at(-1) ?? 'unknown';
}
