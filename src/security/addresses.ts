import { BlockList, isIP } from 'node:net';

/**
 * Address classes for outbound-call decisions. Only literal addresses (and `localhost`) are classified:
 * hostnames are not resolved here — in production the allow-list is what makes a host trusted.
 */
export type AddressClass = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'public' | 'hostname';

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
]);
const unspecified = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
]);

/** `[::ffff:a9fe:a9fe]` is 169.254.169.254: judge IPv4-mapped IPv6 addresses by their IPv4 part. */
function unmapped(address: string): { address: string; type: 'ipv4' | 'ipv6' } | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 4) return { address: bare, type: 'ipv4' };
  if (version !== 6) return undefined;
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(bare);
  if (mapped?.[1]) return { address: mapped[1], type: 'ipv4' };
  if (mapped?.[2] && mapped[3]) {
    const hi = parseInt(mapped[2], 16);
    const lo = parseInt(mapped[3], 16);
    return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, type: 'ipv4' };
  }
  return { address: bare, type: 'ipv6' };
}

/** Classify a URL hostname (as `new URL().hostname` gives it: IPv4 normalised, IPv6 in brackets). */
export function classifyHost(hostname: string): AddressClass {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const ip = unmapped(host);
  if (!ip) return 'hostname';
  if (loopback.check(ip.address, ip.type)) return 'loopback';
  if (linkLocal.check(ip.address, ip.type)) return 'link-local';
  if (privateRanges.check(ip.address, ip.type)) return 'private';
  if (unspecified.check(ip.address, ip.type)) return 'unspecified';
  return 'public';
}

export function isLoopbackHost(hostname: string): boolean {
  return classifyHost(hostname) === 'loopback';
}
