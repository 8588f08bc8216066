import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { checkResolvedAddress, type OutboundPolicy } from './outbound.js';

/** A hostname's addresses, as `dns.lookup(hostname, { all: true })` gives them; injectable for tests. */
export type HostResolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A connection the outbound policy refuses once the host's addresses are known. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

/**
 * The `lookup` of an outbound connection under `policy`: resolves the hostname once, checks every address it
 * resolves to (one bad address refuses them all: a resolver may answer differently next time), and hands the
 * socket exactly those addresses, so what is connected to is what was checked.
 */
export function checkedLookup(policy: OutboundPolicy, protocol: string, resolve: HostResolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        for (const { address } of wanted) {
          const reason = checkResolvedAddress(hostname, address, protocol, policy);
          if (reason) return callback(new OutboundRefusedError(reason), '', 0);
        }
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        // `all` is what Node asks for when it tries several addresses in turn (autoSelectFamily).
        if (options.all) return (callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, wanted);
        return callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
