import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless PODIUM_ALERT_WEBHOOK_ALLOW_PRIVATE=true: this host,
 * private and shared networks, link-local (cloud metadata services live there), and addresses
 * that are not unicast. Any account may add a webhook, and the control plane would otherwise
 * POST wherever it is told from inside the operator's network, reporting what answered.
 */
const PRIVATE_ADDRESSES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast, reserved and broadcast
] as const) {
  PRIVATE_ADDRESSES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // unspecified and loopback
  ['64:ff9b::', 96], // NAT64: an IPv4 address inside
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE_ADDRESSES.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address (v4, v6, or v4 mapped into v6) is one a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE_ADDRESSES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why a webhook URL is refused before any lookup (its host is a private address literal, or a
 * `localhost` name), or null. Names resolving to private addresses are caught when connecting.
 */
export function privateTargetReason(url: URL): string | null {
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    return `${url.hostname} is a private, loopback or link-local address`;
  }
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * `dns.lookup` for outgoing webhook connections that fails for a name resolving to a private
 * address, checked on the addresses actually connected to (a name cannot pass a check and then
 * resolve elsewhere). With several addresses, the private ones are dropped.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const usable = addresses.filter(({ address }) => !isPrivateAddress(address));
    if (usable.length === 0) {
      const refused: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to a private, loopback or link-local address`,
      );
      refused.code = 'PRIVATE_ADDRESS';
      return callback(refused, []);
    }
    const first = usable[0];
    if (options.all || first === undefined) return callback(null, usable);
    callback(null, first.address, first.family);
  });
}
