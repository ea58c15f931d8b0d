import { isIPv6 } from 'node:net';

/**
 * What the sign-in and sign-up limits count a client address against: an IPv4 address itself
 * (an IPv4-mapped IPv6 one, `::ffff:192.0.2.7`, as that IPv4 address); an IPv6 address by its
 * /64, the network one subscriber is given, in which a host picks a new address at will (it
 * would otherwise get a fresh budget with each). Anything else is kept as it is.
 */
export function clientNetworkOf(address: string): string {
  const bare = address.split('%')[0] ?? address; // without a zone (`fe80::1%eth0`)
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail split). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    const tail = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    text = `${text.slice(0, dotted.index)}${tail}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head = '', tail] = text.split('::');
  if (tail === undefined) return parse(head);
  const [before, after] = [parse(head), parse(tail)];
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}
