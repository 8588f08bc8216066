import { BlockList, isIP } from 'node:net';

/**
 * Address classes for outbound-call decisions. `classifyHost` judges a URL hostname as written (literal
 * addresses, and `localhost` names); `classifyAddress` judges an address a hostname resolved to.
 */
export type AddressClass = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved' | 'public' | 'hostname';

function blockList(ranges: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix, type] of ranges) list.addSubnet(net, prefix, type);
  return list;
}

const loopback = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
// Cloud metadata services (169.254.169.254, fd00:ec2::254) sit in link-local / unique-local space.
const linkLocal = blockList([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const privateRanges = blockList([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT, also used by some metadata services
  ['198.18.0.0', 15, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
  ['fec0::', 10, 'ipv6'], // site-local (deprecated, still routed inside some networks)
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64 (RFC 8215): translates into the local network
]);
const unspecified = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
]);
// Multicast, the reserved class E and broadcast: never a FHIR server.
const reserved = blockList([
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['ff00::', 8, 'ipv6'],
]);

/** The eight 16-bit words of a valid IPv6 address (zone id dropped), or undefined. */
function ipv6Words(address: string): number[] | undefined {
  const bare = address.replace(/%.*$/, '');
  if (isIP(bare) !== 6) return undefined;
  let text = bare;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const ipv4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address carries, when it is one of the forms that reach an IPv4 host: IPv4-mapped
 * (`::ffff:a.b.c.d`), IPv4-translated (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64
 * (`64:ff9b::/96`), 6to4 (`2002::/16`) and Teredo (`2001::/32`, the client address inverted).
 */
function embeddedIpv4(w: number[]): string | undefined {
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && w[5] === 0xffff) return ipv4Of(w[6]!, w[7]!);
  if (zeros(0, 4) && w[4] === 0xffff && w[5] === 0) return ipv4Of(w[6]!, w[7]!);
  // `::` and `::1` are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones.
  if (zeros(0, 6) && !(w[6] === 0 && (w[7] === 0 || w[7] === 1))) return ipv4Of(w[6]!, w[7]!);
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return ipv4Of(w[6]!, w[7]!);
  if (w[0] === 0x2002) return ipv4Of(w[1]!, w[2]!);
  if (w[0] === 0x2001 && w[1] === 0) return ipv4Of(w[6]! ^ 0xffff, w[7]! ^ 0xffff);
  return undefined;
}

function classifyIp(address: string, type: 'ipv4' | 'ipv6'): AddressClass {
  if (loopback.check(address, type)) return 'loopback';
  if (linkLocal.check(address, type)) return 'link-local';
  if (privateRanges.check(address, type)) return 'private';
  if (unspecified.check(address, type)) return 'unspecified';
  if (reserved.check(address, type)) return 'reserved';
  return 'public';
}

/** Classify an IP address (IPv4, or IPv6 with or without brackets); `hostname` when it is not one. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return classifyIp(bare, 'ipv4');
  const words = ipv6Words(bare);
  if (!words) return 'hostname';
  const carried = embeddedIpv4(words);
  return carried ? classifyIp(carried, 'ipv4') : classifyIp(bare.replace(/%.*$/, ''), 'ipv6');
}

/** `localhost` and its subdomains (RFC 6761): loopback by name, to be confirmed by what they resolve to. */
export function isLocalhostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost');
}

/** Classify a URL hostname (as `new URL().hostname` gives it: IPv4 normalised, IPv6 in brackets). */
export function classifyHost(hostname: string): AddressClass {
  if (isLocalhostName(hostname)) return 'loopback';
  return classifyAddress(hostname.toLowerCase().replace(/\.$/, ''));
}

export function isLoopbackHost(hostname: string): boolean {
  return classifyHost(hostname) === 'loopback';
}
