// @ts-check
// The client address the console vouches for to the control plane. Next.js keeps a
// client-sent X-Forwarded-For untouched (it fills the header only when absent), and the
// control plane rate-limits sign-ins per client address read from it: passed through,
// any client could claim any address. So the header is rewritten to one address: the
// peer's, or, when the peer is a trusted proxy, what the trusted chain says.
import proxyaddr from 'proxy-addr';

/**
 * Which peers may speak for the client (same syntax and default as the control plane's):
 * loopback only, so a client on a private network cannot claim another address. Behind a
 * load balancer, name its address or subnet.
 */
export const DEFAULT_TRUST = 'loopback';

/**
 * @param {string | undefined} setting  PODIUM_CONSOLE_TRUST_PROXY: `false`, `true`, a hop count,
 *   or comma-separated addresses, CIDRs and the names loopback, linklocal, uniquelocal.
 * @returns {(address: string, hop: number) => boolean}
 */
export function compileTrust(setting = DEFAULT_TRUST) {
  const value = setting.trim();
  if (value === 'false' || value === '') return () => false;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(value.split(',').map((part) => part.trim()));
}

/**
 * Replaces the request's X-Forwarded-For with the one client address.
 * @param {import('node:http').IncomingMessage} req
 * @param {(address: string, hop: number) => boolean} trust
 */
export function vouchForClient(req, trust) {
  if (!req.socket.remoteAddress) {
    delete req.headers['x-forwarded-for'];
    return;
  }
  req.headers['x-forwarded-for'] = proxyaddr(req, trust);
}
