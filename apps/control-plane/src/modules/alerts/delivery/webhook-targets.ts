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
  ['64:ff9b:1::', 48], // NAT64 for local use
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE_ADDRESSES.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether an IP address is one a webhook may not reach: by the lists above (IPv4 mapped into
 * IPv6 included: BlockList checks those against the IPv4 rules), or by the IPv4 address an IPv6
 * one carries (NAT64, 6to4, IPv4-compatible and SIIT forms), judged as that IPv4 address.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return PRIVATE_ADDRESSES.check(address, 'ipv4');
  if (PRIVATE_ADDRESSES.check(address, 'ipv6')) return true;
  const carried = carriedIpv4(address);
  return carried !== null && PRIVATE_ADDRESSES.check(carried, 'ipv4');
}

/** The IPv4 address inside a NAT64, 6to4, IPv4-compatible or SIIT IPv6 address, or null. */
function carriedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  const g = (index: number) => groups[index] ?? 0;
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const quad = (high: number, low: number) =>
    [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  if (g(0) === 0x64 && g(1) === 0xff9b && zero(2, 6)) return quad(g(6), g(7)); // 64:ff9b::/96
  if (g(0) === 0x2002) return quad(g(1), g(2)); // 6to4, 2002::/16
  if (zero(0, 6)) return quad(g(6), g(7)); // IPv4-compatible, ::/96
  if (zero(0, 4) && g(4) === 0xffff && g(5) === 0) return quad(g(6), g(7)); // SIIT
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted tail read). */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address;
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.slice(1).map(Number);
    const pair = (high: number, low: number) => ((high << 8) | low).toString(16);
    text = `${address.slice(0, dotted.index)}${pair(a, b)}:${pair(c, d)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
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
